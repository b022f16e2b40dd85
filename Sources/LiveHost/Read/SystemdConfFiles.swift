import Compiler
import Host
import Planner

/// Settings of a systemd daemon's configuration (systemd-coredump's coredump.conf and its
/// coredump.conf.d drop-ins, `HostPaths.dropIns(for:)`), read from a loaded tree through the
/// Systemd lens and resolved as the daemon resolves them (`SystemdConfResolver`). Keys are
/// `Section/Name`; the lens gives a setting's value as its `value` child.
struct SystemdConfFiles {
    let kind: ConfigFile
    let files: [DropInFile]
    let sources: [SystemdConfSource]

    init(kind: ConfigFile, tree: AugeasTree, files: [DropInFile], keys: [String]) throws {
        self.kind = kind
        self.files = files
        let wanted = Set(keys)
        sources = try DropInFile.sources(files) { content in
            var lines: [SystemdConfLine] = []
            for section in try tree.match("\(AugeasPath.files(content))/*") {
                guard let sectionName = try tree.label(section), !sectionName.hasPrefix("#") else { continue }
                for node in try tree.match("\(section)/*") {
                    guard let name = try tree.label(node), wanted.contains("\(sectionName)/\(name)") else { continue }
                    let values = try tree.match("\(node)/value").compactMap { try tree.get($0) }
                    let value = values.joined(separator: " ")
                    lines.append(SystemdConfLine(key: "\(sectionName)/\(name)", value: value.isEmpty ? nil : value, line: tree.line(of: node)))
                }
            }
            return lines
        }
    }

    func entry(_ key: String) -> ConfigEntry {
        let wins = ownFileWins(key)
        guard let (source, line) = SystemdConfResolver.resolve(key, in: sources) else { return ConfigEntry(key: key, ownFileWins: wins) }
        let occurrences = source.lines.filter { $0.key == key }.map { ConfigOccurrence(line: $0.line, value: $0.value ?? "") }
        return ConfigEntry(
            key: key, present: line.value != nil, value: line.value, definedIn: source.path, line: line.line,
            occurrences: occurrences, editable: source.editable, ownFileWins: wins)
    }

    /// Whether an assignment in hvharden's own drop-in would be the one the daemon keeps.
    func ownFileWins(_ key: String) -> Bool {
        let marker = "\u{1}hvharden"
        return DropInFile.ownFileWins(kind, files: files, sources: sources, adding: SystemdConfLine(key: key, value: marker, line: nil)) {
            SystemdConfResolver.resolve(key, in: $0)?.line.value == marker
        }
    }
}
