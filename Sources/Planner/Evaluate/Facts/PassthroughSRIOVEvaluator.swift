import Compiler
import HostModel

/// B2-4: SR-IOV physical functions stay with the host. Under `sriov-vf-only` every PCI function
/// given to a guest must be a virtual function; under `pci-vfio` plain devices are allowed, but a
/// PF with VFs enabled is not, because whoever drives the PF configures every VF on the port
/// (MACs, VLANs, spoof checking) and so reaches the guests that use them.
struct PassthroughSRIOVEvaluator: DomainEvaluator {
    static let name = "passthrough-sriov-roles"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let mode = context.posture.passthrough.mode
        guard mode != .none else { return .notApplicable("passthrough mode is 'none'") }
        let inventory = try HostDeviceInventory(context.document)
        if inventory.pci.isEmpty { return .notApplicable("the domain has no PCI host device") }
        var problems: [String] = []
        for assignment in inventory.pci {
            guard let address = assignment.address?.description else {
                problems.append("\(assignment.label) cannot be identified, so its SR-IOV role cannot be proven")
                continue
            }
            guard let device = context.facts.pciDevice(at: address) else {
                problems.append("'\(address)' is not among the host's PCI devices, so its SR-IOV role cannot be proven")
                continue
            }
            if let problem = Self.problem(device, mode: mode) { problems.append(problem) }
        }
        return problems.isEmpty ? .compliant : .finding(problems.joined(separator: "; "))
    }

    static func problem(_ device: PCIDevice, mode: PassthroughPolicy.Mode) -> String? {
        if device.isVirtualFunction { return nil }
        if device.isPhysicalFunction {
            let vfs = device.sriovNumVFs ?? 0
            if mode == .sriovVFOnly || vfs > 0 {
                return "'\(device.address)' is an SR-IOV physical function (\(vfs) of \(device.sriovTotalVFs ?? 0) VFs enabled)"
            }
            return nil
        }
        guard mode == .sriovVFOnly else { return nil }
        return "'\(device.address)' is not an SR-IOV virtual function, and passthrough mode 'sriov-vf-only' allows only VFs"
    }
}
