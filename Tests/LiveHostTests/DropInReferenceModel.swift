import Foundation

/// A drop-in configuration tree held in memory: what the property test writes under a
/// temporary root, and what the reference model reads.
struct DropInTree: CustomStringConvertible {
    enum Entry: Equatable {
        case text([String])
        /// A symbolic link to /dev/null (the documented way to mask a vendor file).
        case devNull
        /// A symbolic link to a file that does not exist.
        case dangling
        /// Debian's /etc/sysctl.d/99-sysctl.conf -> ../sysctl.conf.
        case sysctlConf
    }

    var files: [(directory: String, name: String, entry: Entry)] = []
    /// The lines of /etc/sysctl.conf; nil when there is none.
    var sysctlConf: [String]?
    /// Whether /lib is a link to usr/lib (merged /usr) rather than a directory of its own.
    var libLinked = false

    var description: String {
        var out = ["/lib " + (libLinked ? "-> usr/lib" : "is a directory")]
        if let sysctlConf { out.append("/etc/sysctl.conf: \(sysctlConf)") }
        for f in files { out.append("\(f.directory)/\(f.name): \(f.entry)") }
        return out.joined(separator: "\n")
    }
}

/// The effective-value computation of systemd-sysctl and kmod, written down as plainly as
/// possible from sysctl.d(5), modprobe.d(5) and their sources, over a `DropInTree` and the raw
/// text of its files (no Augeas): the oracle the Augeas-backed reader is compared with.
enum ReferenceModel {
    struct Result: Equatable, CustomStringConvertible {
        var present = false
        var value: String?
        var file: String?
        var line: Int?
        var byPattern = false
        var editable = false
        var ownFileWins = true

        var description: String {
            "present \(present) value \(value ?? "nil") at \(file ?? "-"):\(line.map(String.init) ?? "-") "
                + "pattern \(byPattern) editable \(editable) ownFileWins \(ownFileWins)"
        }
    }

    typealias File = (path: String, editable: Bool, lines: [String])

    /// The files in reading order: per name the first directory's copy, names sorted bytewise.
    static func ordered(_ tree: DropInTree, directories: [String], suffixes: [String]) -> [File] {
        var chosen: [String: (directory: String, entry: DropInTree.Entry)] = [:]
        for directory in directories where !(tree.libLinked && directory.hasPrefix("/lib/")) {
            for f in tree.files where f.directory == directory && chosen[f.name] == nil && !f.name.hasPrefix(".")
                && suffixes.contains(where: { f.name.hasSuffix($0) }) {
                chosen[f.name] = (f.directory, f.entry)
            }
        }
        return chosen.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { name in
            let (directory, entry) = chosen[name]!
            switch entry {
            case .text(let lines): return ("\(directory)/\(name)", directory.hasPrefix("/etc/"), lines)
            case .devNull, .dangling: return ("\(directory)/\(name)", false, [])
            case .sysctlConf:
                guard let conf = tree.sysctlConf else { return ("\(directory)/\(name)", false, []) }
                return ("/etc/sysctl.conf", true, conf)
            }
        }
    }

    // MARK: sysctl

    static let sysctlDirectories = ["/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d", "/lib/sysctl.d"]

    static func sysctlFiles(_ tree: DropInTree) -> [File] {
        var files = ordered(tree, directories: sysctlDirectories, suffixes: [".conf"])
        let linked = tree.files.contains { $0.entry == .sysctlConf && $0.directory == "/etc/sysctl.d" }
        if let conf = tree.sysctlConf, !linked { files.append(("/etc/sysctl.conf", true, conf)) }
        return files
    }

    /// `a.b/c` → `a/b.c` (the first separator decides), empty and `.` parts dropped.
    static func normalize(_ name: String) -> String {
        let first = name.first { $0 == "." || $0 == "/" }
        let swapped = first == "." ? String(name.map { $0 == "." ? "/" : $0 == "/" ? "." : $0 }) : name
        return swapped.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// `*` matches any run of characters within one path component.
    static func glob(_ pattern: String, _ name: String) -> Bool {
        let p = pattern.split(separator: "/", omittingEmptySubsequences: false), n = name.split(separator: "/", omittingEmptySubsequences: false)
        func match(_ p: Substring, _ n: Substring) -> Bool {
            guard let c = p.first else { return n.isEmpty }
            if c == "*" { return match(p.dropFirst(), n) || (!n.isEmpty && match(p, n.dropFirst())) }
            return n.first == c && match(p.dropFirst(), n.dropFirst())
        }
        return p.count == n.count && zip(p, n).allSatisfy { match($0, $1) }
    }

    static func sysctl(_ tree: DropInTree, key: String) -> Result {
        var result = sysctl(sysctlFiles(tree), key: key)
        var trial = tree
        let own = (directory: "/etc/sysctl.d", name: "90-hvharden.conf")
        let marker = "MARKER"
        if let i = trial.files.firstIndex(where: { $0.directory == own.directory && $0.name == own.name }), case .text(let lines) = trial.files[i].entry {
            trial.files[i].entry = .text(lines + ["\(key) = \(marker)"])
        } else {
            trial.files.append((own.directory, own.name, .text(["\(key) = \(marker)"])))
        }
        result.ownFileWins = sysctl(sysctlFiles(trial), key: key).value == marker
        return result
    }

    static func sysctl(_ files: [File], key: String) -> Result {
        let target = normalize(key)
        var table: [(key: String, value: String?, file: File, line: Int)] = []
        for file in files {
            for (index, raw) in file.lines.enumerated() {
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty || text.hasPrefix("#") || text.hasPrefix(";") { continue }
                var name = text, value: String?
                if let eq = text.firstIndex(of: "=") {
                    name = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
                    value = String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
                }
                if name.hasPrefix("-") { name.removeFirst() } else if value == nil { continue }
                name = normalize(name.trimmingCharacters(in: .whitespaces))
                if let i = table.firstIndex(where: { $0.key == name }) {
                    if table[i].value == value { table[i].file = file; table[i].line = index + 1; continue }
                    table.remove(at: i)
                }
                table.append((name, value, file, index + 1))
            }
        }
        let hit = table.first { $0.key == target }
            ?? table.last { $0.value != nil && $0.key.contains("*") && glob($0.key, target) }
        guard let hit else { return Result() }
        return Result(present: hit.value != nil, value: hit.value, file: hit.file.path, line: hit.line,
                      byPattern: hit.key != target, editable: hit.file.editable)
    }

    // MARK: modprobe

    static let modprobeDirectories = ["/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d", "/usr/lib/modprobe.d", "/lib/modprobe.d"]

    static func modprobe(_ tree: DropInTree, module: String, parameter: String) -> Result {
        func look(_ tree: DropInTree) -> Result {
            var result = Result()
            for file in ordered(tree, directories: modprobeDirectories, suffixes: [".conf", ".alias"]) {
                for (index, raw) in file.lines.enumerated() {
                    let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                    guard words.count > 2, words[0] == "options", words[1].replacingOccurrences(of: "-", with: "_") == module else { continue }
                    for word in words.dropFirst(2) {
                        let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                        guard parts[0].replacingOccurrences(of: "-", with: "_") == parameter else { continue }
                        var value = parts.count > 1 ? parts[1] : nil
                        if let v = value, v.count >= 2, v.hasPrefix("\""), v.hasSuffix("\"") { value = String(v.dropFirst().dropLast()) }
                        result = Result(present: true, value: value, file: file.path, line: index + 1, editable: file.editable)
                    }
                }
            }
            return result
        }
        var result = look(tree)
        var trial = tree
        let line = "options \(module) \(parameter)=MARKER"
        if let i = trial.files.firstIndex(where: { $0.directory == "/etc/modprobe.d" && $0.name == "hvharden.conf" }), case .text(let lines) = trial.files[i].entry {
            trial.files[i].entry = .text(lines + [line])
        } else {
            trial.files.append(("/etc/modprobe.d", "hvharden.conf", .text([line])))
        }
        result.ownFileWins = look(trial).value == "MARKER"
        return result
    }
}
