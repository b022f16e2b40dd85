import Compiler

/// B2-2: a domain holds at most `passthrough.maxDevicesPerDomain` host devices (PCI, USB and
/// other hostdevs, and hostdev interfaces), bounding how much physical hardware one guest can
/// drive directly.
struct PassthroughMaxDevicesEvaluator: DomainEvaluator {
    static let name = "passthrough-max-devices"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let inventory = try HostDeviceInventory(context.document)
        let limit = context.posture.passthrough.maxDevicesPerDomain
        let count = inventory.hostDeviceCount
        if count <= limit { return .compliant }
        let devices = inventory.pci.map(\.label) + inventory.usb + inventory.other
        return .finding(
            "the domain holds \(count) host devices (\(devices.joined(separator: ", "))) but passthrough.maxDevicesPerDomain is \(limit)")
    }
}
