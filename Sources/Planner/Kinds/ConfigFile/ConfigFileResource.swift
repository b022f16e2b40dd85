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

    /// The config kind (and so the lens) a host path belongs to, as the catalogue names it:
    /// a file directly in one of a drop-in kind's directories (under /etc, /run, /usr/local/lib,
    /// /usr/lib or /lib) or its trailing file, or a kind's own path.
    public static func configFile(of hostPath: String) -> ConfigFile? {
        if SystemdUnitPaths.unit(ofDropIn: hostPath) != nil { return .systemd }
        let slash = hostPath.lastIndex(of: "/")
        let directory = slash.map { String(hostPath[..<$0]) } ?? ""
        for kind in ConfigFile.allCases where kind.isMultiFile {
            if hostPath == kind.trailingFile || hostPath == kind.leadingFile || kind.dropInDirectories.contains(directory) { return kind }
        }
        return ConfigFile.allCases.first { $0.writablePath == hostPath }
    }

    /// Why hvharden must not write the file at `hostPath` (a path with links resolved), or nil
    /// when it may: files under /usr and /lib belong to packages, which replace them on upgrade,
    /// and /run is rebuilt at every boot. Their settings are overridden from /etc instead.
    public static func notWritable(_ hostPath: String) -> String? {
        let reasons = [
            ("/usr/local/", "belongs to locally installed software"), ("/usr/", "belongs to a package"),
            ("/lib/", "belongs to a package"), ("/run/", "is rebuilt at every boot"),
        ]
        return reasons.first { hostPath.hasPrefix($0.0) }?.1
    }

    /// The error for writing such a file.
    public static func writeRefusal(_ hostPath: String) -> String? {
        notWritable(hostPath).map { "'\(hostPath)' \($0); hvharden does not write it (override it from /etc)" }
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

    public func sharingStrings(_ strings: StringInterner) -> FileEdit {
        switch self {
        case .set(let key, let value): return .set(key: strings(key), value: strings(value))
        case .setList(let key, let items): return .setList(key: strings(key), items: items.map { strings($0) })
        }
    }
}
