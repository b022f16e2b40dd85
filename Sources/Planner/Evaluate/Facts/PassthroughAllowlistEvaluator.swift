import Compiler

/// B2-2: each PCI function given to the guest is a device type the profile vetted: its
/// `vendor:device` id, read from the host (not from the XML, which only holds an address), is in
/// `passthrough.allowedDevices`. A device the host facts do not list cannot be proven and is a
/// finding; so is any non-PCI, non-USB hostdev (SCSI, mdev), which an allow-list of PCI ids
/// cannot vouch for.
struct PassthroughAllowlistEvaluator: DomainEvaluator {
    static let name = "passthrough-allowlist"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let inventory = try HostDeviceInventory(context.document)
        if inventory.pci.isEmpty, inventory.other.isEmpty { return .notApplicable("the domain has no PCI host device") }
        let allowed = Set(context.posture.passthrough.allowedDevices.map { $0.lowercased() })
        var problems: [String] = []
        for assignment in inventory.pci {
            guard let address = assignment.address else {
                problems.append("\(assignment.label) cannot be identified")
                continue
            }
            guard let device = context.facts.pciDevice(at: address.description) else {
                problems.append("'\(address)' is not among the host's PCI devices, so its identity cannot be proven")
                continue
            }
            if !allowed.contains(device.vendorDevice) {
                problems.append("'\(address)' is '\(device.vendorDevice)', which is not in passthrough.allowedDevices")
            }
        }
        problems += inventory.other.map { "\($0) cannot be matched against the PCI allow-list" }
        if problems.isEmpty { return .compliant }
        let list = allowed.isEmpty ? "(empty)" : allowed.sorted().map { "'\($0)'" }.joined(separator: ", ")
        return .finding(problems.joined(separator: "; ") + " (allowed: \(list))")
    }
}
