/// What an object looked like when it was read: absent, or a keyed digest of its bytes
/// (`FingerprintKey`). Plans record them in their basis; apply compares them with the host.
/// In JSON a fingerprint is the string `absent` or the digest (`hmac-sha256:…`).
public enum Fingerprint: Hashable, Sendable, Codable, CustomStringConvertible {
    case absent
    case digest(String)

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = text == Self.absentText ? .absent : .digest(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        switch self {
        case .absent: return Self.absentText
        case .digest(let text): return text
        }
    }

    public var exists: Bool { self != .absent }

    private static let absentText = "absent"
}
