import Compiler
import Host
import Planner

/// sysctl keys across the sysctl.d files (`HostPaths.dropIns(for: .sysctl)`), read from a
/// loaded tree and resolved as systemd-sysctl resolves them (`SysctlResolver`).
///
/// The Sysctl lens keeps a name as written: `-kernel.x` and `kernel/yama/ptrace_scope` are node
/// labels of their own (read with `aug_label`, since `/` in a label is escaped in its path), a
/// line without `=` has no value, and a comment after a value is a `#comment` child.
struct SysctlFiles {
    let files: [DropInFile]
    /// The files in reading order with the lines that may concern one of the keys.
    let sources: [SysctlSource]

    init(tree: AugeasTree, files: [DropInFile], keys: [String]) throws {
        self.files = files
        let targets = keys.map(SysctlName.normalize)
        sources = try DropInFile.sources(files) { content in
            var lines: [SysctlLine] = []
            for node in try tree.match("\(AugeasPath.files(content))/*") {
                guard let label = try tree.label(node), !label.hasPrefix("#") else { continue }
                let name = SysctlName.named(by: label)
                let concerns = SysctlName.isPattern(name) ? targets.contains { SysctlName.pattern(name, matches: $0) } : targets.contains(name)
                guard concerns else { continue }
                lines.append(SysctlLine(
                    name: label, value: try tree.get(node), line: tree.line(of: node), inlineComment: try tree.exists("\(node)/#comment")))
            }
            return lines
        }
    }

    func entry(_ key: String) -> ConfigEntry {
        let wins = ownFileWins(key)
        guard let outcome = SysctlResolver.resolve(key, in: sources) else { return ConfigEntry(key: key, ownFileWins: wins) }
        let target = SysctlName.normalize(key)
        let occurrences = outcome.source.lines.filter { Self.names(target, $0) }.map { ConfigOccurrence(line: $0.line, value: $0.value) }
        var entry = ConfigEntry(
            key: key, present: outcome.value != nil, value: outcome.value, definedIn: outcome.source.path, line: outcome.line.line,
            occurrences: occurrences, editable: outcome.source.editable, ownFileWins: wins,
            pattern: outcome.pattern == nil ? nil : outcome.line.name)
        if outcome.line.inlineComment {
            entry.uncertain = "a comment follows the value on that line, and systemd-sysctl writes the comment as part of the value"
        }
        return entry
    }

    /// Whether `line` assigns or excludes exactly the (normalized) name `target`.
    static func names(_ target: String, _ line: SysctlLine) -> Bool {
        SysctlName.named(by: line.name) == target
    }

    /// Whether an assignment added at the end of hvharden's own file would be what
    /// systemd-sysctl writes: the same resolution with that line in place.
    func ownFileWins(_ key: String) -> Bool {
        let marker = "\u{1}hvharden"
        return DropInFile.ownFileWins(.sysctl, files: files, sources: sources, adding: SysctlLine(name: key, value: marker, line: nil)) {
            SysctlResolver.resolve(key, in: $0)?.value == marker
        }
    }

    /// On a host where /etc/sysctl.conf is read through a sysctl.d link (Debian's
    /// 99-sysctl.conf), `sysctl --system` reads it once more after every other file: a note when
    /// that leaves the key as another line than the one systemd-sysctl ends with at boot.
    func rereadNote(_ key: String) -> String? {
        guard let trailing = ConfigFile.sysctl.trailingFile,
              let index = files.firstIndex(where: { $0.content == trailing && $0.listed != trailing }),
              let boot = SysctlResolver.resolve(key, in: sources) else { return nil }
        let again = SysctlResolver.resolve(key, in: sources + [SysctlSource(path: trailing, editable: true, lines: sources[index].lines)])
        guard let again, again.value != boot.value else { return nil }
        let bootAt = boot.source.path + (boot.line.line.map { ":\($0)" } ?? "")
        let againAt = trailing + (again.line.line.map { ":\($0)" } ?? "")
        return "\(key): systemd-sysctl ends with \(bootAt) at boot, but `sysctl --system` reads \(trailing) again last "
            + "and ends with \(againAt); make the two agree"
    }
}
