import Compiler

/// B2-3: the IOMMU can isolate each PCI function given to the guest: its IOMMU group, read from
/// the host, holds only functions given to this same domain, apart from PCI bridges (which sit
/// in the group of the devices behind them and are never assigned). A function that shares a
/// group with a host-owned device can reach that device by peer-to-peer DMA.
struct PassthroughIOMMUIsolationEvaluator: DomainEvaluator {
    static let name = "passthrough-iommu-isolation"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let inventory = try HostDeviceInventory(context.document)
        if inventory.pci.isEmpty { return .notApplicable("the domain has no PCI host device") }
        let facts = context.facts
        let assigned = inventory.assignedAddresses
        var problems: [String] = []
        for assignment in inventory.pci {
            guard let address = assignment.address?.description else {
                problems.append("\(assignment.label) cannot be located, so its isolation cannot be proven")
                continue
            }
            guard let device = facts.pciDevice(at: address) else {
                problems.append("'\(address)' is not among the host's PCI devices, so its IOMMU isolation cannot be proven")
                continue
            }
            guard let group = device.iommuGroup else {
                problems.append("'\(address)' has no IOMMU group: no IOMMU confines its DMA")
                continue
            }
            let strangers = facts.iommuGroupMembers(group).filter { member in
                !assigned.contains(member) && !(facts.pciDevice(at: member)?.isBridge ?? false)
            }
            if !strangers.isEmpty {
                let named = strangers.map { member in
                    let driver = facts.pciDevice(at: member)?.driver.map { " (driver '\($0)')" } ?? ""
                    return "'\(member)'\(driver)"
                }
                problems.append("'\(address)' shares IOMMU group \(group) with \(named.joined(separator: ", ")), not assigned to this domain")
            }
        }
        return problems.isEmpty ? .compliant : .finding(problems.joined(separator: "; "))
    }
}
