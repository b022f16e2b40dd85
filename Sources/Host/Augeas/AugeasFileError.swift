/// One file-level problem that Augeas recorded in its tree under `/augeas/files/<path>/error`.
///
/// Augeas does not report parse or save failures through `aug_error` (it says "No error"); the
/// only record is this subtree, so `AugeasTree` reads it after every load and failed save.
/// `kind` is the value of the `error` node: `parse_failed` (the lens does not accept the file, for
/// example an unknown key in `qemu.conf`), `put_failed` (the tree cannot be written back through
/// the lens), `mk_augtemp`, `write_failed`, `rename_augtemp`, `read_failed`, and so on.
public struct AugeasFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Absolute path of the file as seen on the host, without the tree's root prefix,
    /// e.g. `/etc/libvirt/qemu.conf`.
    public let file: String
    /// 1-based line of the problem, when Augeas knows it (parse errors only).
    public let line: Int?
    /// 1-based column of the problem (Augeas's 0-based `char` plus one), when known.
    public let column: Int?
    /// The lens that handles the file, e.g. `Libvirtd_qemu.lns`, when known.
    public let lens: String?
    /// Augeas's explanation, e.g. "Iterated lens matched less than it should".
    public let message: String
    /// The kind of failure: the value of the `error` node (`parse_failed`, `put_failed`, ...).
    public let kind: String

    public init(file: String, line: Int?, column: Int?, lens: String?, message: String, kind: String) {
        self.file = file
        self.line = line
        self.column = column
        self.lens = lens
        self.message = message
        self.kind = kind
    }

    /// Compiler-style: `/etc/libvirt/qemu.conf:973:1: error: <message> (lens Libvirtd_qemu.lns)`.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = "\(location): error: \(message)"
        if kind != "parse_failed" { text += " [\(kind)]" }
        if let lens { text += " (lens \(lens))" }
        return text
    }
}
