import Compiler
import Host
import Planner

/// Keys of a kind that is one file (qemu.conf, libvirtd.conf, /etc/default/grub), read from a
/// loaded tree as the program that uses the file reads them.
///
/// A key may be set more than once. libvirt's config parser (`virConfParseStatement` appends
/// every assignment to the list of entries, `virConfGetValue` walks that list from its head and
/// returns the first entry with the name) therefore honours the first definition, and a later
/// one only misleads the reader of the file; /etc/default/grub is sourced by a shell, where the
/// last assignment stands. `ConfigEditor` makes every definition agree when it fixes a key.
struct SingleFileKeys {
    let tree: AugeasTree
    let kind: ConfigFile

    var file: String { kind.writablePath }

    func entry(_ key: String) throws -> ConfigEntry {
        let nodes = try tree.match("\(AugeasPath.files(file))/\(key)")
        guard !nodes.isEmpty else { return ConfigEntry(key: key) }
        let occurrences = try nodes.map { node in
            let (value, items) = try Self.value(of: node, in: tree)
            return ConfigOccurrence(line: tree.line(of: node), value: value, items: items)
        }
        let used = (kind.usesFirstDefinition ? occurrences.first : occurrences.last) ?? occurrences[0]
        return ConfigEntry(
            key: key, present: true, value: used.value, items: used.items, definedIn: file, line: used.line,
            occurrences: occurrences)
    }

    /// A scalar node's value, or an array node's items (its numbered children).
    static func value(of node: String, in tree: AugeasTree) throws -> (String?, [String]?) {
        let children = try tree.match("\(node)/*")
        let numbered = children.filter { $0.split(separator: "/").last.map { $0.allSatisfy(\.isNumber) } ?? false }
        let nodeValue = try tree.get(node)
        guard !numbered.isEmpty || nodeValue == nil else { return (nodeValue, nil) }
        return (nodeValue, try numbered.map { try tree.get($0) ?? "" })
    }

    /// A note for a key defined several times with different values, naming the file, the lines
    /// and the one that counts; nil otherwise. Values are left out: the key may hold a secret.
    func duplicateNote(_ entry: ConfigEntry) -> String? {
        let definitions = entry.occurrences
        guard definitions.count > 1, Set(definitions.map { [$0.value.map { [$0] } ?? [], $0.items ?? []] }).count > 1 else {
            return nil
        }
        let lines = definitions.map { $0.line.map(String.init) ?? "?" }
        let listed = lines.count == 2 ? "\(lines[0]) and \(lines[1])" : lines.dropLast().joined(separator: ", ") + " and \(lines.last ?? "?")"
        let which = kind.usesFirstDefinition ? "first" : "last"
        return "\(file) sets \(entry.key) \(definitions.count) times with different values (lines \(listed)): "
            + "\(kind.reader) uses the \(which) (line \(entry.line.map(String.init) ?? "?")) and ignores the others; "
            + "hvharden's fix of the key sets every definition"
    }
}
