import Compiler

/// B2-2/B2-3: every PCI host device is `managed='yes'` with `<driver name='vfio'/>`. Managed
/// devices are bound to vfio-pci by libvirt (under its security labels) exactly while the guest
/// runs; an unmanaged one depends on someone having bound it by hand, and a missing or non-vfio
/// driver element leaves the assignment backend to chance (`kvm` is the legacy, unconfined one).
///
/// No automatic fix: switching to `managed='yes'` makes libvirt detach the device from its host
/// driver at guest start, which would take away a device the host still uses.
struct PassthroughManagedVFIOEvaluator: DomainEvaluator {
    static let name = "passthrough-managed-vfio"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let inventory = try HostDeviceInventory(context.document)
        if inventory.pci.isEmpty { return .notApplicable("the domain has no PCI host device") }
        var problems: [String] = []
        for assignment in inventory.pci {
            var wrong: [String] = []
            if assignment.managed != "yes" {
                wrong.append(assignment.managed.map { "managed='\($0)'" } ?? "no managed attribute (default 'no')")
            }
            switch assignment.driver {
            case "vfio"?: break
            case let name?: wrong.append("driver name='\(name)'")
            case nil: wrong.append("no <driver name='vfio'/>")
            }
            if !wrong.isEmpty { problems.append("\(assignment.label) has \(wrong.joined(separator: " and "))") }
        }
        return problems.isEmpty ? .compliant : .finding(problems.joined(separator: "; "))
    }
}
