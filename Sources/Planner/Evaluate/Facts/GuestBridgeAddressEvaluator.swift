import Compiler
import HostModel

/// B5-2: the host holds no IP address on a bridge that carries guest traffic, so guests share no
/// layer-3 segment with the host's management services. The bridges are those the selected
/// domains attach to, directly (`<interface type='bridge'>`) or through a libvirt network with
/// `forward mode='bridge'`; the bridges libvirt makes for its NAT, routed, open and isolated
/// networks are left out, since the host's address there is the guests' gateway by design. An
/// interface that is not a Linux bridge on this host (gone, or an Open vSwitch bridge) is not
/// judged. Parameter `ignoreIPv6LinkLocal` leaves `fe80::/10` addresses out.
struct GuestBridgeAddressEvaluator: FactEvaluator {
    static let name = "guest-bridge-host-address"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let network = context.facts.network
        let ignoreLinkLocal = context.booleanParameter("ignoreIPv6LinkLocal") ?? false
        var problems = network.libvirtNetworkProblems
        let definitions = Dictionary(network.libvirtNetworks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let libvirts = Set(network.libvirtNetworks.filter(\.bridgeIsLibvirts).compactMap(\.bridge))
        var guests: [String: Set<String>] = [:]
        var undefined: [String: Set<String>] = [:]
        for domain in context.domains {
            for bridge in domain.bridges { guests[bridge, default: []].insert(domain.name) }
            for name in domain.networks {
                guard let definition = definitions[name] else {
                    undefined[name, default: []].insert(domain.name)
                    continue
                }
                if definition.forwardMode == "bridge", let bridge = definition.bridge { guests[bridge, default: []].insert(domain.name) }
            }
        }
        for name in undefined.keys.sorted() {
            problems.append("network '\(name)', which \(Self.names(undefined[name, default: []])) attach to, has no definition under "
                + "\(NetworkFacts.definitionDirectory), so its bridge cannot be told")
        }
        let judged = guests.keys.filter { !libvirts.contains($0) }.sorted()
        if !judged.isEmpty {
            guard let bridges = network.bridges else {
                return .finding((problems + ["/sys/class/net cannot be listed, so which interfaces are bridges cannot be evidenced"]).joined(separator: "; "))
            }
            for bridge in judged where bridges.contains(bridge) {
                guard let all = network.addresses(of: bridge) else {
                    problems.append("/proc/net/fib_trie, /proc/net/route or /proc/net/if_inet6 is unreadable, so the host's addresses on bridge '\(bridge)' cannot be evidenced")
                    break
                }
                let addresses = ignoreLinkLocal ? all.filter { !Self.isLinkLocal($0) } : all
                guard !addresses.isEmpty else { continue }
                problems.append("the host has \(addresses.joined(separator: ", ")) on bridge '\(bridge)', which carries the traffic of \(Self.names(guests[bridge, default: []]))")
            }
        }
        return problems.isEmpty ? .compliant : .finding(problems.joined(separator: "; "))
    }

    static func names(_ guests: Set<String>) -> String {
        guests.sorted().map { "'\($0)'" }.joined(separator: ", ")
    }

    /// `fe80::/10`.
    static func isLinkLocal(_ address: String) -> Bool {
        ["fe8", "fe9", "fea", "feb"].contains { address.lowercased().hasPrefix($0) }
    }
}
