import Foundation

/// Where a profile's text comes from: a file, or a profile shipped inside the binary
/// (`profiles/*.yaml`, embedded by scripts/generate-bundle.sh) and referenced by name.
enum ProfileSource: Hashable, Sendable {
    /// A file, by the path as the user wrote it (relative paths resolve against the working
    /// directory, or against the including profile's directory for `extends`).
    case file(String)
    /// A shipped profile by name, without `.yaml`.
    case shipped(String)

    /// The path printed in diagnostics and recorded in `Policy.sources`.
    var displayPath: String {
        switch self {
        case .file(let path): return path
        case .shipped(let name): return "profiles/\(name).yaml"
        }
    }

    /// What makes two sources the same profile, for cycle detection and de-duplication:
    /// the absolute, symlink-free path of a file, or the shipped name.
    var identity: String {
        switch self {
        case .file(let path):
            return URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        case .shipped(let name):
            return "shipped:\(name)"
        }
    }

    /// A path relative to this profile's directory, kept relative when this one is, and with
    /// `.` and `..` folded so diagnostics print `profiles/base.yaml`, not `a/../profiles/base.yaml`.
    func sibling(_ relative: String) -> String {
        guard case .file(let path) = self, !relative.hasPrefix("/") else { return relative }
        let directory = (path as NSString).deletingLastPathComponent
        return ProfileSource.normalize(directory.isEmpty ? relative : directory + "/" + relative)
    }

    /// Folds `.` and `x/..` segments lexically (the file may not exist yet).
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
