import Compiler

/// B2-2: no USB device reaches the guest, neither a host USB device (`<hostdev type='usb'>`)
/// nor a client's device through USB redirection (`<redirdev>`), unless the profile sets
/// `passthrough.allowUSB`. USB devices bring their own, often untrusted, firmware and drivers.
struct PassthroughUSBEvaluator: DomainEvaluator {
    static let name = "passthrough-usb"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        if context.posture.passthrough.allowUSB { return .compliant }
        let inventory = try HostDeviceInventory(context.document)
        let devices = inventory.usb + inventory.redirdevs
        if devices.isEmpty { return .compliant }
        return .finding("passthrough.allowUSB is false but the domain has " + devices.joined(separator: ", "))
    }
}
