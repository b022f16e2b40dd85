#if canImport(Glibc)
import Glibc
#endif

/// sysctl names as systemd-sysctl reads them (systemd 252, Debian 12: `sysctl_normalize` and
/// `parse_file`/`apply_all` of its sysctl tool, and sysctl.d(5)).
public enum SysctlName {
    /// The name as a path below /proc/sys. When the first separator is a dot, dots and slashes
    /// trade places (`kernel.yama.ptrace_scope` and `kernel/yama/ptrace_scope` are one setting,
    /// `net.ipv4.conf.eth0/100.forwarding` names the interface `eth0.100`); when it is a slash the
    /// name is left as it is. Empty and `.` components are dropped, a leading slash with them,
    /// as systemd simplifies the path.
    public static func normalize(_ name: String) -> String {
        var chars = Array(name)
        if let first = chars.firstIndex(where: { $0 == "." || $0 == "/" }), chars[first] == "." {
            for i in first..<chars.count where chars[i] == "." || chars[i] == "/" {
                chars[i] = chars[i] == "." ? "/" : "."
            }
        }
        return String(chars).split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// The normalized name a line of a sysctl file names, its `-` prefix dropped.
    public static func named(by written: String) -> String {
        normalize(written.hasPrefix("-") ? String(written.dropFirst()) : written)
    }

    /// Whether a normalized name is a glob(7) pattern (systemd's test: `*`, `?` or `[`).
    public static func isPattern(_ normalized: String) -> Bool {
        normalized.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Whether a pattern matches a name as glob(3) would match the path below /proc/sys: a
    /// wildcard never crosses a `/` nor matches a leading dot.
    public static func pattern(_ pattern: String, matches name: String) -> Bool {
        fnmatch(pattern, name, FNM_PATHNAME | FNM_PERIOD) == 0
    }
}

/// One line of a sysctl file as the Sysctl lens gives it.
public struct SysctlLine: Hashable, Sendable {
    /// The name as written, `-` included.
    public var name: String
    /// The value; nil for a line without `=`.
    public var value: String?
    public var line: Int?
    /// Whether a `#` comment follows the value: systemd-sysctl writes it as part of the value.
    public var inlineComment: Bool

    public init(name: String, value: String?, line: Int?, inlineComment: Bool = false) {
        self.name = name
        self.value = value
        self.line = line
        self.inlineComment = inlineComment
    }
}

/// The line that decides a key.
public struct SysctlOutcome: Hashable, Sendable {
    /// What systemd-sysctl writes; nil when it writes nothing (a `-key` line without `=`
    /// removed every assignment before it), so the kernel keeps its own value.
    public var value: String?
    public var source: SysctlSource
    public var line: SysctlLine
    /// The pattern whose assignment applies, when no explicit assignment names the key.
    public var pattern: String?
}

/// What systemd-sysctl does with one key, given its files in reading order.
///
/// It keeps an ordered table of assignments by normalized name: a later assignment of a name
/// replaces the earlier one and moves to the end, unless it has the same value (then the entry
/// stays where it was; this resolver reports the later line as the one that decides). `-name`
/// with `=` is an assignment whose failure is ignored; `-name` without `=` is an entry with no
/// value, which replaces an assignment of that name and keeps patterns away from it; a line
/// without `=` and without `-` is ignored. Entries are then applied in table order: an explicit
/// name is written as is, a pattern is written to every matching name that has no entry of its
/// own (explicit beats pattern, whatever the order).
public enum SysctlResolver {
    public static func resolve(_ name: String, in sources: [SysctlSource]) -> SysctlOutcome? {
        let target = SysctlName.normalize(name)
        var table: [(key: String, value: String?, source: Int, line: Int)] = []
        for (s, source) in sources.enumerated() {
            for (l, line) in source.lines.enumerated() {
                // Without `=` only an exclusion (`-name`) counts.
                if line.value == nil && !line.name.hasPrefix("-") { continue }
                let key = SysctlName.named(by: line.name)
                // Other names cannot change what this one ends up with.
                guard key == target || (SysctlName.isPattern(key) && SysctlName.pattern(key, matches: target)) else { continue }
                if let i = table.firstIndex(where: { $0.key == key }) {
                    if table[i].value == line.value {
                        table[i].source = s
                        table[i].line = l
                        continue
                    }
                    table.remove(at: i)
                }
                table.append((key, line.value, s, l))
            }
        }
        func outcome(_ entry: (key: String, value: String?, source: Int, line: Int), pattern: String?) -> SysctlOutcome {
            SysctlOutcome(value: entry.value, source: sources[entry.source], line: sources[entry.source].lines[entry.line], pattern: pattern)
        }
        if let explicit = table.first(where: { $0.key == target }) { return outcome(explicit, pattern: nil) }
        return table.last { $0.value != nil }.map { outcome($0, pattern: $0.key) }
    }
}
