/// An edit of any registered kind, as plans carry it. In JSON: `{"kind": K, "edit": {...}}`,
/// where the inner object is that kind's own encoding; decoding an unregistered kind fails with
/// the kind's name.
public struct AnyEdit: Hashable, Sendable, Codable {
    public let kind: ResourceKind
    private let base: AnyHashableSendable

    public init<E: ResourceEdit>(_ edit: E) {
        kind = E.Kind.kind
        base = AnyHashableSendable(edit)
    }

    /// The edit as `type`, or nil when it belongs to another kind.
    public func `as`<E: ResourceEdit>(_ type: E.Type) -> E? { base.value as? E }

    /// The edit as the type its kind's store expects; a mismatch is an error naming both kinds.
    public func unwrap<E: ResourceEdit>(_ type: E.Type) throws -> E {
        guard let edit = base.value as? E else { throw WrongKindError(expected: E.Kind.kind, found: kind) }
        return edit
    }

    private enum CodingKeys: String, CodingKey { case kind, edit }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(ResourceKind.self, forKey: .kind)
        guard let type = ResourceKinds.editType(of: kind) else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown kind of object '\(kind)'")
        }
        self = try Self.decode(type, from: container)
    }

    private static func decode<E: ResourceEdit>(_ type: E.Type, from container: KeyedDecodingContainer<CodingKeys>) throws -> AnyEdit {
        AnyEdit(try container.decode(E.self, forKey: .edit))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try base.encode(into: &container)
    }
}

/// An edit was handed to the store of another kind.
public struct WrongKindError: Error, CustomStringConvertible {
    public let expected: ResourceKind
    public let found: ResourceKind
    public var description: String { "an edit of a \(found) cannot be applied to a \(expected)" }
}

extension AnyEdit {
    /// A hashable, sendable box that can encode what it holds, so `AnyEdit` stays a value.
    private struct AnyHashableSendable: Hashable, @unchecked Sendable {
        // Only `ResourceEdit` values, which are Hashable and Sendable, are ever stored.
        let value: AnyHashable
        private let encodeEdit: @Sendable (inout KeyedEncodingContainer<CodingKeys>) throws -> Void

        init<E: ResourceEdit>(_ edit: E) {
            value = AnyHashable(edit)
            encodeEdit = { container in try container.encode(edit, forKey: .edit) }
        }

        static func == (a: Self, b: Self) -> Bool { a.value == b.value }
        func hash(into hasher: inout Hasher) { hasher.combine(value) }
        func encode(into container: inout KeyedEncodingContainer<CodingKeys>) throws { try encodeEdit(&container) }
    }
}
