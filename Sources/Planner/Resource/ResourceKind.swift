/// The name of a kind of managed object ("domain", "file"): the key under which its
/// description, reader and writer are registered.
public struct ResourceKind: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Kinds sort by their registered display rank (domains before files), then by name.
    public static func < (a: ResourceKind, b: ResourceKind) -> Bool {
        (ResourceKinds.rank(of: a), a.rawValue) < (ResourceKinds.rank(of: b), b.rawValue)
    }
}

/// One managed object: its kind and its name within the kind (a domain's name, a file's host
/// path). Everything the Applier, the journal and rollback do is keyed by it.
public struct ObjectRef: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var kind: ResourceKind
    public var name: String

    public init(kind: ResourceKind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// How people read it: "domain 'web01'", "file /etc/libvirt/qemu.conf".
    public var description: String { ResourceKinds.description(of: kind).describe(name) }

    public static func < (a: ObjectRef, b: ObjectRef) -> Bool { (a.kind, a.name) < (b.kind, b.name) }
}
