import Compiler

/// B2-2/B2-3: every PCI host device is assigned through VFIO. A `<driver name='…'/>` other than
/// `vfio` names a backend that does not confine the device with the IOMMU (`kvm`, the legacy
/// one); a missing driver element is VFIO, since libvirt's QEMU driver fills in the default
/// backend with VFIO when the guest starts (libvirt 9.0).
///
/// Whether libvirt manages the device (`managed='yes'`) is `domain-hostdev-managed`, a low
/// severity rule of its own: an unmanaged device is still VFIO-assigned, only bound by hand.
/// No automatic fix: changing the backend of a device in use is for a person to do.
struct PassthroughManagedVFIOEvaluator: DomainEvaluator {
    static let name = "passthrough-managed-vfio"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let inventory = try HostDeviceInventory(context.document)
        if inventory.pci.isEmpty { return .notApplicable("the domain has no PCI host device") }
        var problems: [String] = []
        for assignment in inventory.pci {
            if let name = assignment.driver, name != "vfio" {
                problems.append("\(assignment.label) has driver name='\(name)', not VFIO")
            }
        }
        return problems.isEmpty ? .compliant : .finding(problems.joined(separator: "; "))
    }
}
