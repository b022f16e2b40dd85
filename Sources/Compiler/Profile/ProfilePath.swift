/// A profile's file path as a user wrote it (a command-line argument or an `extends` entry),
/// checked and normalised once, before anything else looks at it: every path handling of
/// profile names goes through `parse`, so no input reaches Foundation's path functions (which
/// trap on some, e.g. `///x//`) or the file system unchecked.
///
/// Normalising is lexical (the file may not exist): repeated and trailing `/` collapse, `.`
/// goes, `x/..` folds, `..` at the root stays at the root. A path that then names no file
/// (`/`, `.`, `..`, `a/..`), or that is empty, holds a control character, or is longer than the
/// kernel takes, is an `Invalid` with a message naming it.
struct ProfilePath: Hashable, Sendable {
    /// Linux's PATH_MAX and NAME_MAX, in bytes.
    static let maxLength = 4096
    static let maxComponentLength = 255

    let isAbsolute: Bool
    /// The segments after normalising; never empty, the last one a name (not `..`).
    let components: [String]

    /// The normalised path, e.g. `/x` for `///x//`, `a/c.yaml` for `a//b/./../c.yaml/`.
    var text: String { (isAbsolute ? "/" : "") + components.joined(separator: "/") }

    /// The file's name, e.g. `base.yaml`.
    var lastComponent: String { components[components.count - 1] }

    /// Why a string is not a usable profile path; `message` quotes an excerpt of it.
    struct Invalid: Error, Hashable, Sendable {
        var message: String
    }

    static func parse(_ raw: String) -> Result<ProfilePath, Invalid> {
        let quoted = "'\(raw.excerpt)'"
        if raw.allSatisfy(\.isWhitespace) {
            return .failure(Invalid(message: "empty profile path \(quoted)"))
        }
        if raw.unicodeScalars.contains(where: String.needsEscape) {
            return .failure(Invalid(message: "profile path \(quoted) contains a control character"))
        }
        guard raw.utf8.count <= maxLength else {
            return .failure(Invalid(message: "profile path \(quoted) is longer than \(maxLength) bytes"))
        }
        let absolute = raw.hasPrefix("/")
        var parts: [String] = []
        for part in raw.split(separator: "/") {
            guard part.utf8.count <= maxComponentLength else {
                return .failure(Invalid(message: "profile path \(quoted) has a path component longer than \(maxComponentLength) bytes"))
            }
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(String(part))
            }
        }
        guard let last = parts.last, last != ".." else {
            return .failure(Invalid(message: "profile path \(quoted) does not name a file"))
        }
        return .success(ProfilePath(isAbsolute: absolute, components: parts))
    }

    /// `relative` (already a checked path) resolved against this file's directory, kept
    /// relative when this one is: `a/b.yaml` + `c.yaml` → `a/c.yaml`; an absolute one as it is.
    func sibling(_ relative: ProfilePath) -> ProfilePath {
        guard !relative.isAbsolute else { return relative }
        var parts = Array(components.dropLast())
        for part in relative.components {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", isAbsolute {
                continue
            } else {
                parts.append(part)
            }
        }
        return ProfilePath(isAbsolute: isAbsolute, components: parts)
    }
}
