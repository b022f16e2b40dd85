import Compiler
import Digests
import Foundation
import Host
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// Reads systemd units under a root as systemd loads them (systemd.unit(5)):
/// - the unit file is the first of `SystemdUnitPaths.searchPath` that has the name (a directory
///   that is the same as an earlier one through a link, as /lib on a merged-/usr host, is read
///   once); a name under /etc or /run that leads to /dev/null, or an empty file, masks the unit;
/// - drop-ins are the `*.conf` files of `<unit>.d/`, of the dash-truncated prefixes
///   (`libvirtd-.socket.d/`) and of the type (`socket.d/`) in every directory of the search path;
///   a file name seen in a directory of higher precedence (or a more specific drop-in directory)
///   hides it in the others, and all are applied in name order after the unit file;
/// - a unit is enabled by a link named like it in a `*.wants/` or `*.requires/` directory of
///   /etc/systemd/system or /run/systemd/system.
/// Files are parsed with Augeas's Systemd lens; settings keep their last assignment, and an
/// empty `ListenStream=` clears the list, as in systemd.
struct SystemdUnitReader {
    let root: String
    let key: FingerprintKey

    private var paths: HostPaths { HostPaths(root: root) }

    func read(_ names: Set<String>) -> ObservedUnits {
        var observed = ObservedUnits()
        let directories = searchDirectories()
        var parsed: [(unit: String, files: [(listed: String, content: String)])] = []
        for name in names.sorted() {
            var unit = ObservedUnit(name: name)
            let found = unitFile(name, in: directories)
            unit.unitFile = found?.path
            unit.masked = found?.masks ?? false
            unit.enabledBy = enablementLinks(name)
            let dropIns = unit.unitFile == nil || unit.masked ? [] : self.dropIns(name, in: directories)
            unit.dropIns = dropIns
            for file in [unit.unitFile].compactMap({ $0 }) + dropIns + unit.enabledBy + [SystemdUnitPaths.ownDropIn(for: name)] {
                observed.fingerprints[file] = paths.fingerprint(file, key: key)
            }
            if let file = unit.unitFile, !unit.masked {
                parsed.append((name, ([file] + dropIns).compactMap { file in RootedPath.resolve(file, paths: paths).map { (file, $0) } }))
            }
            observed.units[name] = unit
        }
        // One tree for every unit's files: the lens is compiled once, not once per unit.
        let contents = Set(parsed.flatMap { $0.files.map(\.content) }).sorted()
        guard !contents.isEmpty else { return observed }
        do {
            let tree = try AugeasTree(root: root, loads: [
                AugeasLoad(name: "Systemd", lens: "Systemd.lns", includes: contents.map(AugeasPath.literalGlob)),
            ])
            for (name, files) in parsed { read(&observed.units[name]!, files: files, tree: tree) }
        } catch {
            // A file the lens rejects names itself; every unit reading it (or, for another
            // failure, every unit) cannot be judged.
            let problems = (error as? AugeasError)?.fileErrors ?? []
            for (name, files) in parsed {
                let own = problems.filter { failure in files.contains { $0.content == failure.file } }.map(\.description)
                observed.units[name]?.unparsable = problems.isEmpty ? ["\(error)"] : own
            }
            if !problems.isEmpty { return readEach(observed, parsed) }
        }
        return observed
    }

    /// After a parse failure: the units whose own files all parse, read one tree each.
    private func readEach(_ observed: ObservedUnits, _ parsed: [(unit: String, files: [(listed: String, content: String)])]) -> ObservedUnits {
        var observed = observed
        for (name, files) in parsed where observed.units[name]?.unparsable.isEmpty == true {
            let load = AugeasLoad(name: "Systemd", lens: "Systemd.lns", includes: files.map { AugeasPath.literalGlob($0.content) })
            guard let tree = try? AugeasTree(root: root, loads: [load]) else { continue }
            read(&observed.units[name]!, files: files, tree: tree)
        }
        return observed
    }

    /// The directories of the search path that exist, each once.
    private func searchDirectories() -> [String] {
        var seen: Set<String> = []
        return SystemdUnitPaths.searchPath.filter { directory in
            guard let real = RootedPath.resolve(directory, paths: paths) else { return false }
            return seen.insert(real).inserted
        }
    }

    private func unitFile(_ name: String, in directories: [String]) -> (path: String, masks: Bool)? {
        for directory in directories {
            let path = directory + "/" + name
            var st = stat()
            guard lstat(paths.onDisk(path), &st) == 0 else { continue }
            guard let real = RootedPath.resolve(path, paths: paths) else { return (path, true) }
            var target = stat()
            guard stat(paths.onDisk(real), &target) == 0 else { return (path, true) }
            let masks = real == "/dev/null" || RootedPath.isNullDevice(target) || ((target.st_mode & S_IFMT) == S_IFREG && target.st_size == 0)
            return (path, masks)
        }
        return nil
    }

    /// `<unit>.d`, then each dash-truncated prefix (longest first), then the type's directory.
    static func dropInDirectoryNames(_ name: String) -> [String] {
        guard let dot = name.lastIndex(of: ".") else { return [name + ".d"] }
        let stem = name[..<dot], suffix = name[dot...]
        var names = [name + ".d"]
        var prefix = stem
        while let dash = prefix.dropLast().lastIndex(of: "-") {
            prefix = stem[...dash]
            names.append(prefix + suffix + ".d")
            prefix = stem[..<dash]
        }
        names.append(String(suffix.dropFirst()) + ".d")
        return names
    }

    private func dropIns(_ name: String, in directories: [String]) -> [String] {
        var byName: [String: String] = [:]
        for dropInDirectory in Self.dropInDirectoryNames(name) {
            for directory in directories {
                let path = directory + "/" + dropInDirectory
                guard let entries = try? FileManager.default.contentsOfDirectory(atPath: paths.onDisk(path)) else { continue }
                for entry in entries where entry.hasSuffix(".conf") && !entry.hasPrefix(".") && byName[entry] == nil {
                    byName[entry] = path + "/" + entry
                }
            }
        }
        return byName.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.compactMap { byName[$0] }
            .filter { paths.fingerprint($0, key: key).exists }
    }

    private func enablementLinks(_ name: String) -> [String] {
        var links: [String] = []
        for directory in SystemdUnitPaths.enablementDirectories {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: paths.onDisk(directory)) else { continue }
            for entry in entries.sorted() where entry.hasSuffix(".wants") || entry.hasSuffix(".requires") {
                let link = directory + "/" + entry + "/" + name
                var st = stat()
                if lstat(paths.onDisk(link), &st) == 0 { links.append(link) }
            }
        }
        return links
    }

    /// The settings of `files` (unit file first, then drop-ins in order) into `unit`.
    private func read(_ unit: inout ObservedUnit, files contents: [(listed: String, content: String)], tree: AugeasTree) {
        for (listed, content) in contents {
            for section in (try? tree.match("\(AugeasPath.files(content))/Socket")) ?? [] {
                for node in (try? tree.match("\(section)/*")) ?? [] {
                    guard let label = try? tree.label(node) else { continue }
                    let values = ((try? tree.match("\(node)/value")) ?? []).compactMap { (try? tree.get($0)) ?? nil }
                    let assignment = ObservedUnit.Assignment(value: values.joined(separator: " "), file: listed, line: tree.line(of: node))
                    switch label {
                    case "SocketMode":
                        unit.socketMode = values.isEmpty ? nil : assignment
                        unit.socketModeFiles.append(listed)
                    case "ListenStream":
                        if values.isEmpty { unit.listenStreams = [] } else { unit.listenStreams.append(assignment) }
                    default: break
                    }
                }
            }
        }
    }
}
