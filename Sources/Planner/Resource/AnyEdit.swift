/// An edit of any registered kind, as plans carry it. In JSON: `{"kind": K, "edit": {...}}`,
/// where the inner object is that kind's own encoding; decoding an unregistered kind fails with
/// the kind's name.
///
/// The edit is held as one existential (a plan of thousands of domains holds tens of thousands
/// of edits, so one allocation each, not a hashable box and an encoding closure).
public struct AnyEdit: Hashable, Sendable, Codable {
    public let kind: ResourceKind
    private let base: any ResourceEdit

    public init<E: ResourceEdit>(_ edit: E) {
        kind = E.Kind.kind
        base = edit
    }

    /// The edit as `type`, or nil when it belongs to another kind.
    public func `as`<E: ResourceEdit>(_ type: E.Type) -> E? { base as? E }

    /// The edit as the type its kind's store expects; a mismatch is an error naming both kinds.
    public func unwrap<E: ResourceEdit>(_ type: E.Type) throws -> E {
        guard let edit = base as? E else { throw WrongKindError(expected: E.Kind.kind, found: kind) }
        return edit
    }

    /// The same edit with its strings shared (`ResourceEdit.sharingStrings`).
    public func sharingStrings(_ strings: StringInterner) -> AnyEdit {
        func shared<E: ResourceEdit>(_ edit: E) -> AnyEdit { AnyEdit(edit.sharingStrings(strings)) }
        return shared(base)
    }

    public static func == (a: AnyEdit, b: AnyEdit) -> Bool { AnyHashable(a.base) == AnyHashable(b.base) }
    public func hash(into hasher: inout Hasher) { hasher.combine(AnyHashable(base)) }

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
        try container.encode(base, forKey: .edit)
    }
}

/// An edit was handed to the store of another kind.
public struct WrongKindError: Error, CustomStringConvertible {
    public let expected: ResourceKind
    public let found: ResourceKind
    public var description: String { "an edit of a \(found) cannot be applied to a \(expected)" }
}
