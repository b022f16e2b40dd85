/// One file of a drop-in kind (sysctl.d, modprobe.d) in its program's reading order, with the
/// lines of it that may concern the keys asked for: `SysctlLine`s or `ModprobeOption`s.
public struct DropInSource<Line: Hashable & Sendable>: Hashable, Sendable {
    /// The host path shown for the file (and edited, when `editable`).
    public var path: String
    /// Whether hvharden may edit the file: a regular file under /etc.
    public var editable: Bool
    public var lines: [Line]

    public init(path: String, editable: Bool, lines: [Line]) {
        self.path = path
        self.editable = editable
        self.lines = lines
    }
}

public typealias SysctlSource = DropInSource<SysctlLine>
public typealias ModprobeSource = DropInSource<ModprobeOption>
