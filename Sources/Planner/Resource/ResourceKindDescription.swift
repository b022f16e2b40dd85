/// What the pure side of hvharden knows of a kind of managed object: its name, how its objects
/// are shown, and the type of its edits. The live side (reading, writing, backing up and
/// restoring) is registered for the same kind by the adapters (`ObjectStore` in the Applier).
///
/// Adding a kind: a folder under `Planner/Kinds/` with a type conforming to this protocol and
/// its edit type, one line in `ResourceKinds.registered`, and an `ObjectStore` for it in the
/// adapters (docs/architecture.md).
public protocol ResourceKindDescription: Sendable {
    /// The kind's edits: what a change to one of its objects is.
    associatedtype Edit: ResourceEdit
    static var kind: ResourceKind { get }
    /// Position among kinds in plans and listings (lower first).
    static var displayRank: Int { get }
    /// "domain 'web01'", "file /etc/libvirt/qemu.conf".
    static func describe(_ name: String) -> String
    /// The SARIF logical-location kind of an object ("object", "resource") and of a path in it.
    static var locationKind: String { get }
    static func pathKind(_ path: String) -> String
}

/// An edit of one object of one kind; the Applier hands a kind's edits to that kind's store.
public protocol ResourceEdit: Hashable, Sendable, Codable {
    associatedtype Kind: ResourceKindDescription where Kind.Edit == Self

    /// The same edit with its strings taken from `strings`, so that the edits of thousands of
    /// domains share their repeated paths and values.
    func sharingStrings(_ strings: StringInterner) -> Self
}

extension ResourceEdit {
    public func sharingStrings(_ strings: StringInterner) -> Self { self }
}

/// The registered kinds. A kind that is not listed here cannot appear in a plan.
public enum ResourceKinds {
    public static let registered: [any ResourceKindDescription.Type] = [
        DomainResource.self,
        ConfigFileResource.self,
        HostPathResource.self,
        SecretResource.self,
    ]

    /// The description of `kind`; an unregistered kind (read from a foreign plan) is shown by name.
    static func description(of kind: ResourceKind) -> any ResourceKindDescription.Type {
        registered.first { $0.kind == kind } ?? UnknownResource.self
    }

    static func rank(of kind: ResourceKind) -> Int {
        registered.first { $0.kind == kind }?.displayRank ?? Int.max
    }

    /// The edit type registered for `kind`, to decode a plan's edits.
    static func editType(of kind: ResourceKind) -> (any ResourceEdit.Type)? {
        registered.first { $0.kind == kind }.map { $0.editType }
    }
}

extension ResourceKindDescription {
    static var editType: any ResourceEdit.Type { Edit.self }
}

/// Stands for a kind this build does not know, so that describing it cannot fail.
private enum UnknownResource: ResourceKindDescription {
    struct Edit: ResourceEdit {
        typealias Kind = UnknownResource
    }

    static let kind = ResourceKind("unknown")
    static let displayRank = Int.max
    static let locationKind = "object"
    static func describe(_ name: String) -> String { name }
    static func pathKind(_ path: String) -> String { "element" }
}
