import Compiler
import HostModel

/// B2-2, mode `none`: no `<interface type='network'>` draws its device from a libvirt network
/// that is a pool of host devices. A network with `forward mode='hostdev'` hands each guest an
/// SR-IOV virtual function by PCI assignment, and one with `forward mode='passthrough'` a whole
/// NIC through macvtap passthrough; the domain's XML names only the network, so the mode is read
/// from the network definitions the host facts hold. A network without a definition there
/// (transient, or a host whose files were not read) cannot be told and is a finding.
struct PassthroughNetworkPoolEvaluator: DomainEvaluator {
    static let name = "passthrough-network-pool"

    /// The forward modes that give the guest a host device rather than an emulated NIC.
    static let deviceModes: Set<String> = ["hostdev", "passthrough"]

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        guard context.posture.passthrough.mode == .none else {
            return .notApplicable("passthrough mode is '\(context.posture.passthrough.mode.rawValue)'")
        }
        let names = Set(try context.document.strings("/domain/devices/interface[@type='network']/source/@network"))
        if names.isEmpty { return .notApplicable("the domain attaches to no libvirt network") }
        let network = context.facts.network
        let definitions = Dictionary(network.libvirtNetworks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for name in names.sorted() {
            guard let definition = definitions[name] else {
                problems.append("network '\(name)' has no definition under \(NetworkFacts.definitionDirectory), so whether it is a pool of host devices cannot be told")
                continue
            }
            if let mode = definition.forwardMode, Self.deviceModes.contains(mode) {
                problems.append("network '\(name)' has forward mode '\(mode)', so the guest's interface on it is a host device")
            }
        }
        if problems.isEmpty { return .compliant }
        return .finding("passthrough mode is 'none' but " + problems.joined(separator: "; "))
    }
}
