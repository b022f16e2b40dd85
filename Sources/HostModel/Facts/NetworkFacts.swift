/// The host's network interfaces as the rules about guest traffic need them: which are Linux
/// bridges, which addresses the host holds on each, and libvirt's network definitions.
public struct NetworkFacts: Codable, Sendable, Equatable {
    /// Where libvirt keeps the persistent definitions of its QEMU driver's networks.
    public static let definitionDirectory = "/etc/libvirt/qemu/networks"

    /// The interfaces of `/sys/class/net` that have a `bridge` directory (Linux bridges), sorted;
    /// nil when `/sys/class/net` cannot be listed.
    public var bridges: [String]?
    /// The host's IPv4 addresses by interface: the local addresses of `/proc/net/fib_trie`, each
    /// given to the interface whose connected route (`/proc/net/route`, no gateway) holds it, the
    /// longest prefix winning. Nil when either file is unreadable.
    public var ipv4: [String: [String]]?
    /// The host's IPv6 addresses by interface (`/proc/net/if_inet6`), compressed as RFC 5952
    /// writes them. Empty when the file is absent but `ipv4` could be read (a kernel without
    /// IPv6); nil when neither can be read.
    public var ipv6: [String: [String]]?
    /// libvirt's persistent networks, `/etc/libvirt/qemu/networks/*.xml` under the root, sorted by
    /// name (read through Augeas by `HostFactsReader`; empty from a bare `FactsSource`).
    public var libvirtNetworks: [LibvirtNetwork]
    /// Network definition files that could not be read, each naming the file and why.
    public var libvirtNetworkProblems: [String]

    public init(
        bridges: [String]? = nil, ipv4: [String: [String]]? = nil, ipv6: [String: [String]]? = nil,
        libvirtNetworks: [LibvirtNetwork] = [], libvirtNetworkProblems: [String] = []
    ) {
        self.bridges = bridges
        self.ipv4 = ipv4
        self.ipv6 = ipv6
        self.libvirtNetworks = libvirtNetworks
        self.libvirtNetworkProblems = libvirtNetworkProblems
    }

    /// The host's addresses on one interface, IPv4 first; nil when they cannot be read.
    public func addresses(of interface: String) -> [String]? {
        guard let ipv4, let ipv6 else { return nil }
        return (ipv4[interface] ?? []) + (ipv6[interface] ?? [])
    }
}

/// One libvirt network definition: its name, `forward/@mode` (nil for an isolated network) and
/// `bridge/@name`.
public struct LibvirtNetwork: Codable, Sendable, Equatable {
    public var name: String
    public var forwardMode: String?
    public var bridge: String?

    public init(name: String, forwardMode: String? = nil, bridge: String? = nil) {
        self.name = name
        self.forwardMode = forwardMode
        self.bridge = bridge
    }

    /// libvirt makes and addresses the bridge itself (NAT, routed, open and isolated networks),
    /// so the host's address on it is the guests' gateway by design; a `bridge` network attaches
    /// guests to a bridge the administrator made.
    public var bridgeIsLibvirts: Bool {
        [nil, "nat", "route", "open"].contains(forwardMode)
    }
}

extension NetworkFacts {
    init(reading tree: some FactsSource) {
        let bridges = tree.isDirectory("/sys/class/net")
            ? tree.children("/sys/class/net").filter { tree.isDirectory("/sys/class/net/\($0)/bridge") } : nil
        var ipv4: [String: [String]]?
        if let trie = tree.string("/proc/net/fib_trie"), let routes = tree.string("/proc/net/route") {
            ipv4 = IPv4Addresses.byInterface(fibTrie: trie, routes: routes)
        }
        let ipv6 = tree.string("/proc/net/if_inet6").map(IPv6Addresses.byInterface) ?? (ipv4 == nil ? nil : [:])
        self.init(bridges: bridges, ipv4: ipv4, ipv6: ipv6)
    }
}
