import HostModel

/// One host that a baseline must fit: its name, its facts, and, when they could be read, its
/// libvirt domains. Hosts come from facts files (`hvharden facts --format json`) or from the
/// machine `hvharden baseline --from-host` runs on.
public struct BaselineHost: Sendable {
    /// The host's name: it names the host's waivers and its profile file (`NAME.yaml`), so it is
    /// limited to letters, digits, '.', '_' and '-' (see `isValidName`).
    public var name: String
    public var facts: HostFacts
    /// The host's domains with their persistent XML; nil when only facts are known (a facts file).
    /// Device assignment is then judged from the facts alone (devices bound to vfio-pci), and
    /// fact rules that sum guest resources see no guests.
    public var domains: [BaselineDomain]?
    /// Where the host was read, for comments and reasons: "facts file 'web01.json'" or
    /// "this host (--from-host)".
    public var origin: String

    public init(name: String, facts: HostFacts, domains: [BaselineDomain]? = nil, origin: String) {
        self.name = name
        self.facts = facts
        self.domains = domains
        self.origin = origin
    }

    /// Host names become file names and YAML comments: one or more letters, digits, '.', '_'
    /// or '-', not starting with '.' or '-', at most 253 characters (a DNS name's limit).
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 253,
              first != ".", first != "-" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
    }
}

/// One libvirt domain of a baseline host, as its persistent definition, and whether it runs.
public struct BaselineDomain: Sendable {
    public var name: String
    /// The persistent XML (INACTIVE|SECURE). Holds secrets: it is parsed, never printed.
    public var xml: String
    /// The domain has a live instance (the fact rules that look at running guests need it).
    public var isRunning: Bool

    public init(name: String, xml: String, isRunning: Bool = false) {
        self.name = name
        self.xml = xml
        self.isRunning = isRunning
    }
}
