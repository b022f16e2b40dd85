import Compiler

/// Host configuration files edited through Augeas: one object per host path. Edits name an
/// Augeas path below the file; the store loads only that file's lens, writes it atomically and
/// keeps its mode and owner.
public enum ConfigFileResource: ResourceKindDescription {
    public typealias Edit = FileEdit
    public static let kind = ResourceKind("file")
    public static let displayRank = 1
    public static func describe(_ name: String) -> String { "file \(name)" }
    public static let locationKind = "resource"
    public static func pathKind(_ path: String) -> String { "property" }

    public static func ref(_ hostPath: String) -> ObjectRef { ObjectRef(kind: kind, name: hostPath) }

    /// The config kind (and so the lens) a host path belongs to, as the catalogue names it.
    public static func configFile(of hostPath: String) -> ConfigFile? {
        if hostPath.hasPrefix("/etc/sysctl.d/") || hostPath == "/etc/sysctl.conf" { return .sysctl }
        if hostPath.hasPrefix("/etc/modprobe.d/") { return .modprobe }
        return ConfigFile.allCases.first { $0.writablePath == hostPath }
    }
}

/// A minimal edit of a config file: the key is an Augeas path below the file (it may hold
/// `[. = "value"]` predicates, e.g. `options[. = "kvm_intel"]/nested`).
public enum FileEdit: ResourceEdit {
    public typealias Kind = ConfigFileResource

    /// Set a key to a scalar value.
    case set(key: String, value: String)
    /// Replace an array key with these items.
    case setList(key: String, items: [String])
}
