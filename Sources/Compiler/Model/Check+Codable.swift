/// `check: {kind: xml-value, path: ..., ...}` in YAML and JSON.
extension Check: Codable {
    private enum KindKey: String, CodingKey { case kind, name }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: KindKey.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "xml-value": self = .xmlValue(try XMLValueCheck(from: decoder))
        case "xml-present": self = .xmlPresent(try XMLPresentCheck(from: decoder))
        case "xml-absent": self = .xmlAbsent(try XMLAbsentCheck(from: decoder))
        case "xml-count": self = .xmlCount(try XMLCountCheck(from: decoder))
        case "xml-every": self = .xmlEvery(try XMLEveryCheck(from: decoder))
        case "evaluator": self = .evaluator(try EvaluatorCheck(from: decoder))
        case "config-value": self = .configValue(try ConfigValueCheck(from: decoder))
        case "config-list": self = .configList(try ConfigListCheck(from: decoder))
        case "kernel-cmdline": self = .kernelCmdline(try KernelCmdlineCheck(from: decoder))
        case "path-metadata": self = .pathMetadata(try PathMetadataCheck(from: decoder))
        case "systemd-socket": self = .systemdSocket(try SystemdSocketCheck(from: decoder))
        case "secret-private": self = .secretPrivate
        case "manual": self = .manual
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c,
                debugDescription: "unknown check kind '\(kind)'; valid kinds: \(Check.kinds.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: KindKey.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .xmlValue(let v): try v.encode(to: encoder)
        case .xmlPresent(let v): try v.encode(to: encoder)
        case .xmlAbsent(let v): try v.encode(to: encoder)
        case .xmlCount(let v): try v.encode(to: encoder)
        case .xmlEvery(let v): try v.encode(to: encoder)
        case .evaluator(let v): try v.encode(to: encoder)
        case .configValue(let v): try v.encode(to: encoder)
        case .configList(let v): try v.encode(to: encoder)
        case .kernelCmdline(let v): try v.encode(to: encoder)
        case .pathMetadata(let v): try v.encode(to: encoder)
        case .systemdSocket(let v): try v.encode(to: encoder)
        case .secretPrivate, .manual: break
        }
    }

    /// The YAML keys each kind accepts besides `kind`; the catalogue loader rejects any other.
    public static let keysByKind: [String: Set<String>] = [
        "xml-value": ["path", "attribute", "allowed", "forbidden", "default", "missing"],
        "xml-present": ["path", "unless"],
        "xml-absent": ["select"],
        "xml-count": ["select", "max"],
        "xml-every": ["select", "require", "describe"],
        "evaluator": ["name"],
        "config-value": ["file", "key", "default", "allowed", "forbidden", "min", "max", "cpuVendor", "inherit", "anyItem", "required"],
        "config-list": ["file", "key", "default", "subsetOf", "contains", "nonEmpty"],
        "kernel-cmdline": ["require", "forbid", "alternatives", "cpuVendor"],
        "path-metadata": ["paths", "maxMode", "owners", "groups", "fixOwner", "absent"],
        "systemd-socket": ["units", "enabled", "maxSocketMode", "unixOnly"],
        "secret-private": [],
        "manual": [],
    ]
}

extension KernelCmdlineCheck {
    enum CodingKeys: String, CodingKey { case require, forbid, alternatives, cpuVendor }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        require = try c.decodeIfPresent([String].self, forKey: .require) ?? []
        forbid = try c.decodeIfPresent([String].self, forKey: .forbid) ?? []
        alternatives = try c.decodeIfPresent([String: [String]].self, forKey: .alternatives) ?? [:]
        cpuVendor = try c.decodeIfPresent(String.self, forKey: .cpuVendor)
    }
}
