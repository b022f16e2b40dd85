import Compiler
import Planner

/// One file of a drop-in kind as its program finds it.
struct DropInFile: Hashable {
    /// The file name, which decides the order and which directory's copy counts.
    let name: String
    /// Where it was found, e.g. `/etc/sysctl.d/99-sysctl.conf`.
    let listed: String
    /// The regular file holding its text (a link's target, e.g. `/etc/sysctl.conf`); nil when it
    /// reads as empty: a link to /dev/null or to nothing, the way a vendor file is masked.
    let content: String?

    /// Whether hvharden may edit it: its text is a file under /etc. Packages own /usr and /lib,
    /// and /run is rewritten at every boot.
    var editable: Bool { content?.hasPrefix("/etc/") ?? false }

    /// The path a plan names for it: the file that would be written when it may be edited.
    var shown: String { editable ? (content ?? listed) : listed }
}

extension DropInFile {
    /// The sources of these files in reading order: each with the path a plan shows and the
    /// lines `read` takes from its text (none for a masked file).
    static func sources<Line>(_ files: [DropInFile], read: (String) throws -> [Line]) rethrows -> [DropInSource<Line>] {
        try files.map { file in DropInSource(path: file.shown, editable: file.editable, lines: try file.content.map(read) ?? []) }
    }

    /// Whether `line` added at the end of hvharden's own file of `kind` would decide the key,
    /// as `decides` tells on the sources with it in place. The file is made empty at its place
    /// by name when no file of that name is read yet. When a file of that name is read but is
    /// not hvharden's as a regular file under /etc (a mask, or a package's file that writing
    /// ours would silently hide), writing there is no fix: false.
    static func ownFileWins<Line>(
        _ kind: ConfigFile, files: [DropInFile], sources: [DropInSource<Line>], adding line: Line,
        decides: ([DropInSource<Line>]) -> Bool
    ) -> Bool {
        let own = kind.writablePath
        let name = String(own.split(separator: "/").last ?? "")
        // The main file read first and the file read last are not drop-ins: the own file goes
        // among the drop-ins, after the main file.
        let ordered = files.indices.filter { files[$0].listed != kind.trailingFile && files[$0].listed != kind.leadingFile }
        let first = files.first.map { $0.listed == kind.leadingFile ? 1 : 0 } ?? 0
        var trial = sources
        if let index = ordered.first(where: { files[$0].name == name }) {
            guard files[index].listed == own, files[index].editable else { return false }
            trial[index].lines.append(line)
        } else {
            let index = ordered.first { !Array(files[$0].name.utf8).lexicographicallyPrecedes(Array(name.utf8)) }
                ?? ordered.last.map { $0 + 1 } ?? first
            trial.insert(DropInSource(path: own, editable: true, lines: [line]), at: index)
        }
        return decides(trial)
    }
}
