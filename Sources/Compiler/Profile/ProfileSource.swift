import Foundation

/// Where a profile's text comes from: a file, a profile shipped inside the binary
/// (`profiles/*.yaml`, embedded by scripts/generate-bundle.sh) and referenced by name, or a
/// text handed over in memory (`Compiler.compile(sources:)`, the fuzzer).
enum ProfileSource: Hashable, Sendable {
    /// A file, by its checked path (relative paths resolve against the working directory, or
    /// against the including profile's directory for `extends`).
    case file(ProfilePath)
    /// A shipped profile by name, without `.yaml`.
    case shipped(String)
    /// A text given in memory under a name that reads like a file's path; its `extends`
    /// entries resolve against that path as a file's would.
    case text(ProfilePath)

    /// The path printed in diagnostics and recorded in `Policy.sources`.
    var displayPath: String {
        switch self {
        case .file(let path), .text(let path): return path.text
        case .shipped(let name): return "profiles/\(name).yaml"
        }
    }

    /// What makes two sources the same profile, for cycle detection and de-duplication:
    /// the absolute, symlink-free path of a file, the shipped name, or the text's name.
    var identity: String {
        switch self {
        case .file(let path):
            return URL(fileURLWithPath: path.text).standardizedFileURL.resolvingSymlinksInPath().path
        case .shipped(let name):
            return "shipped:\(name)"
        case .text(let path):
            return "text:\(path.text)"
        }
    }

    /// The path of a file or text, against which its `extends` entries resolve.
    var path: ProfilePath? {
        switch self {
        case .file(let path), .text(let path): return path
        case .shipped: return nil
        }
    }
}
