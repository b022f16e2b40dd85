/// `kind: path-metadata`: the mode, owner and group of host paths (target `host-path`).
///
/// `paths` are absolute host paths; a component may hold `*` and `?` (one directory level
/// each), so a rule covers a tree (`/var/lib/libvirt/qemu/save/*`). A path that does not exist
/// passes: there is nothing to protect. A path that is a symbolic link is judged by the file it
/// leads to inside the root.
public struct PathMetadataCheck: Hashable, Sendable, Codable {
    public var paths: [String]
    /// The permission bits a path may have at most, in octal (`0600`); a bit outside them fails.
    /// The fix removes those bits and never adds one.
    public var maxMode: String?
    /// The user names that may own the paths.
    public var owners: [String]?
    /// The group names that may own the paths.
    public var groups: [String]?
    /// Whether the fix makes the first of `owners` the owner (only where every program that
    /// reads the path runs as that user, such as libvirtd's own keys and root).
    public var fixOwner: Bool?
    /// The paths must not exist at all (a CA's private key on a hypervisor). Never fixed.
    public var absent: Bool?

    public init(
        paths: [String], maxMode: String? = nil, owners: [String]? = nil, groups: [String]? = nil, fixOwner: Bool? = nil,
        absent: Bool? = nil
    ) {
        self.paths = paths
        self.maxMode = maxMode
        self.owners = owners
        self.groups = groups
        self.fixOwner = fixOwner
        self.absent = absent
    }

    /// `maxMode` as bits; nil when it is not given or not octal.
    public var maxModeBits: UInt32? {
        maxMode.flatMap { UInt32($0, radix: 8) }.flatMap { $0 <= 0o7777 ? $0 : nil }
    }

    /// What the catalogue loader reports about this check.
    var problems: [String] {
        var out: [String] = []
        if paths.isEmpty { out.append("a path-metadata check names at least one path") }
        for path in paths where !path.hasPrefix("/") || path.contains("//") || path.split(separator: "/").contains("..") {
            out.append("path '\(path)' is not an absolute path without '..' or '//'")
        }
        if maxMode != nil && maxModeBits == nil { out.append("maxMode '\(maxMode ?? "")' is not an octal mode of at most 7777") }
        if fixOwner == true && (owners ?? []).isEmpty { out.append("fixOwner needs an owner to set") }
        if absent == true && (maxMode != nil || owners != nil || groups != nil) {
            out.append("a check that paths are absent has no mode, owners or groups")
        }
        if absent != true && maxMode == nil && owners == nil && groups == nil {
            out.append("a path-metadata check names maxMode, owners, groups or absent")
        }
        return out
    }
}

/// Formats permission bits the way `stat -c %a` does, with a leading zero: `0640`.
public func octalMode(_ bits: UInt32) -> String {
    let digits = String(bits & 0o7777, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
