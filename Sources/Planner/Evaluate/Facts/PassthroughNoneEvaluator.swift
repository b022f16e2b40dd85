import Compiler

/// §10 D, mode `none`: the domain is given no host device: no PCI, SCSI or mediated `<hostdev>`
/// and no `<interface type='hostdev'>`. USB devices and USB redirection are judged by
/// `passthrough.allowUSB` alone (the `passthrough-usb` evaluator), so `mode: none` with
/// `allowUSB: true` means "USB only", and each device is reported by one rule.
struct PassthroughNoneEvaluator: DomainEvaluator {
    static let name = "passthrough-none"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        guard context.posture.passthrough.mode == .none else {
            return .notApplicable("passthrough mode is '\(context.posture.passthrough.mode.rawValue)'")
        }
        let inventory = try HostDeviceInventory(context.document)
        let forbidden = inventory.pci.map(\.label) + inventory.other
        if forbidden.isEmpty { return .compliant }
        return .finding("passthrough mode is 'none' but the domain is given host devices: " + forbidden.joined(separator: ", "))
    }
}
