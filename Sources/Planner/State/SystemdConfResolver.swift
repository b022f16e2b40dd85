/// One assignment in a systemd-style configuration file (`[Section]` then `Name=value`), as
/// the Systemd lens shows it: `key` is `Section/Name`; `value` is nil for an empty assignment,
/// which puts the setting back to its default.
public struct SystemdConfLine: Hashable, Sendable {
    public var key: String
    public var value: String?
    public var line: Int?

    public init(key: String, value: String?, line: Int?) {
        self.key = key
        self.value = value
        self.line = line
    }
}

public typealias SystemdConfSource = DropInSource<SystemdConfLine>

/// How systemd's daemons resolve their settings (systemd.syntax(7)): the main file, then the
/// drop-ins in name order, each later assignment replacing the earlier one.
public enum SystemdConfResolver {
    /// The assignment that decides `key`, with its file; nil when no file sets it.
    public static func resolve(_ key: String, in sources: [SystemdConfSource]) -> (source: SystemdConfSource, line: SystemdConfLine)? {
        for source in sources.reversed() {
            if let line = source.lines.last(where: { $0.key == key }) { return (source, line) }
        }
        return nil
    }
}
