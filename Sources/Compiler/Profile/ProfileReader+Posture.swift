import Yams

/// `posture:` and `domains:`.
extension ProfileReader {
    static let postureKeys = ProfileKeys.posture
    static let passthroughKeys = ProfileKeys.passthrough

    mutating func readPosture(_ node: Node) -> PostureOverrides {
        var posture = PostureOverrides()
        guard let fields = fields(of: node, at: "posture", allowed: Self.postureKeys) else { return posture }
        if let (_, value) = fields["platform"] {
            posture.platform = enumValue(value, at: "posture.platform").map { Located($0, at: location(value)) }
        }
        if let (_, value) = fields["virtualization"] {
            posture.virtualization = enumValue(value, at: "posture.virtualization").map { Located($0, at: location(value)) }
        }
        if let (_, value) = fields["bootIntegrity"] {
            posture.bootIntegrity = enumValue(value, at: "posture.bootIntegrity").map { Located($0, at: location(value)) }
        }
        if let (_, value) = fields["passthrough"] {
            readPassthrough(value, into: &posture)
        }
        return posture
    }

    private mutating func readPassthrough(_ node: Node, into posture: inout PostureOverrides) {
        let path = "posture.passthrough"
        guard let fields = fields(of: node, at: path, allowed: Self.passthroughKeys) else { return }
        if let (_, value) = fields["mode"] {
            posture.passthroughMode = enumValue(value, at: "\(path).mode").map { Located($0, at: location(value)) }
        }
        if let (_, value) = fields["allowedDevices"], let devices = stringList(value, at: "\(path).allowedDevices") {
            var valid: [String] = []
            for device in devices {
                guard let id = Self.pciID(device.value) else {
                    error("invalid PCI device '\(device.value.excerpt)' in '\(path).allowedDevices'; expected vendor:device as "
                        + "4 hex digits each, e.g. '8086:1572'", at: device.location)
                    continue
                }
                valid.append(id)
            }
            if valid.count == devices.count {
                posture.allowedDevices = Located(valid, at: location(value))
            }
        }
        if let (_, value) = fields["maxDevicesPerDomain"], let count = int(value, at: "\(path).maxDevicesPerDomain") {
            if count < 0 {
                error("'\(path).maxDevicesPerDomain' must be 0 or more, found \(count)", at: value)
            } else {
                posture.maxDevicesPerDomain = Located(count, at: location(value))
            }
        }
        if let (_, value) = fields["allowUSB"], let allow = bool(value, at: "\(path).allowUSB") {
            posture.allowUSB = Located(allow, at: location(value))
        }
    }

    /// `8086:1572` in lowercase, or nil when `text` is not two groups of four hex digits.
    static func pciID(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
        return text.lowercased()
    }

    mutating func readDomains(_ node: Node, into document: inout ProfileDocument) {
        guard let fields = fields(of: node, at: "domains", allowed: ProfileKeys.domains) else { return }
        if let (_, value) = fields["include"], let globs = stringList(value, at: "domains.include") {
            document.include = Located(globs.map(\.value), at: location(value))
        }
        if let (_, value) = fields["exclude"], let globs = stringList(value, at: "domains.exclude") {
            document.exclude = Located(globs.map(\.value), at: location(value))
        }
    }
}
