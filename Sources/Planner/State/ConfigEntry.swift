/// The effective definition of one config key: what the program reading the files uses.
///
/// For qemu.conf and libvirtd.conf that is the first definition in the file, for
/// /etc/default/grub the last; for sysctl and modprobe the last assignment in the order
/// systemd-sysctl and modprobe read their drop-in directories (see `SysctlResolver`,
/// `ModprobeResolver`), which may be a file hvharden must not edit.
public struct ConfigEntry: Sendable, Hashable, Codable {
    public var key: String
    /// Whether the key has a value from the files (false: the program's default applies).
    public var present: Bool
    /// The scalar value, as the lens gives it (libvirt lenses strip quotes; Shellvars keeps them).
    public var value: String?
    /// The items of an array key, in order; nil when the key is absent or not an array.
    public var items: [String]?
    /// The host path of the file whose definition is effective; for a sysctl key unset by a
    /// `-key` line, the file of that line (and `present` is false).
    public var definedIn: String?
    /// Its 1-based line, when known.
    public var line: Int?
    /// Every definition of the key in `definedIn`, in file order (a key set twice, #11 item 3).
    public var occurrences: [ConfigOccurrence]
    /// Whether hvharden may edit `definedIn`: a regular file under /etc, not a package's file
    /// under /usr or /lib, nor one under /run, nor /proc/cmdline.
    public var editable: Bool
    /// Whether a value written to hvharden's own file of the kind would be the effective one
    /// (nothing read after it overrides the key).
    public var ownFileWins: Bool
    /// The sysctl pattern (`kernel.yama.*`) whose assignment is effective, when no explicit key is.
    public var pattern: String?
    /// Why the program may not use `value` as shown, when hvharden cannot tell what it does use.
    public var uncertain: String?

    public init(
        key: String, present: Bool = false, value: String? = nil, items: [String]? = nil, definedIn: String? = nil,
        line: Int? = nil, occurrences: [ConfigOccurrence] = [], editable: Bool = true, ownFileWins: Bool = true,
        pattern: String? = nil, uncertain: String? = nil
    ) {
        self.key = key
        self.present = present
        self.value = value
        self.items = items
        self.definedIn = definedIn
        self.line = line
        self.occurrences = occurrences
        self.editable = editable
        self.ownFileWins = ownFileWins
        self.pattern = pattern
        self.uncertain = uncertain
    }

    /// `file:line`, or the file alone when the line is unknown.
    public var location: String? {
        definedIn.map { path in line.map { "\(path):\($0)" } ?? path }
    }
}

/// One definition of a key in a file.
public struct ConfigOccurrence: Sendable, Hashable, Codable {
    public var line: Int?
    public var value: String?
    public var items: [String]?

    public init(line: Int?, value: String?, items: [String]? = nil) {
        self.line = line
        self.value = value
        self.items = items
    }
}
