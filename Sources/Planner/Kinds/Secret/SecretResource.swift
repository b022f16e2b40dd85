/// libvirt secret objects (the keys of encrypted disks, Ceph and iSCSI passwords, TLS and vTPM
/// keys), one object per secret UUID. A read-only kind: whether a secret is private is fixed
/// when it is defined (libvirt refuses to change it on a defined secret, and redefining it would
/// need its value), so its rules are findings and it has no edits and no store.
public enum SecretResource: ResourceKindDescription {
    public typealias Edit = SecretEdit
    public static let kind = ResourceKind("secret")
    public static let displayRank = 3
    public static func describe(_ name: String) -> String { "secret \(name)" }
    public static let locationKind = "resource"
    public static func pathKind(_ path: String) -> String { "property" }

    public static func ref(_ uuid: String) -> ObjectRef { ObjectRef(kind: kind, name: uuid) }
}

/// No change can be made to a secret (`SecretResource`): the type has no values.
public enum SecretEdit: ResourceEdit {
    public typealias Kind = SecretResource

    /// A plan that carries a secret edit was not made by hvharden: decoding it fails.
    public init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: decoder.codingPath, debugDescription: "a secret has no edits: hvharden never changes a secret"))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {}
    }
}
