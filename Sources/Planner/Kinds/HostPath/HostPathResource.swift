/// The mode, owner and group of host paths (files, directories, device nodes): one object per
/// host path, a symbolic link standing for the file it leads to. Edits change metadata only,
/// never content; the store applies them to the file opened without following a link.
public enum HostPathResource: ResourceKindDescription {
    public typealias Edit = PathEdit
    public static let kind = ResourceKind("path")
    public static let displayRank = 2
    public static func describe(_ name: String) -> String { "path \(name)" }
    public static let locationKind = "resource"
    public static func pathKind(_ path: String) -> String { "property" }

    public static func ref(_ hostPath: String) -> ObjectRef { ObjectRef(kind: kind, name: hostPath) }
}

/// A change of one path's metadata.
public enum PathEdit: ResourceEdit {
    public typealias Kind = HostPathResource

    /// Set the permission bits (octal text such as `0600`).
    case setMode(mode: String)
    /// Make a user the owner, by name and by the id the host's passwd file gives it.
    case setOwner(user: String, uid: UInt32)
}
