import Applier
import Compiler
import Digests
import Foundation
import Host
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// The store of `ConfigFileResource` objects: host files under a root, edited through Augeas
/// with only that file's lens loaded. Augeas writes each file through a temporary file and a
/// rename, following a symbolic link to the file it names; backups and restores follow the
/// link the same way, so the link stays a link and its target keeps its own mode and owner.
public struct ConfigFileStore: ObjectStore {
    public let root: String
    public let key: FingerprintKey

    public init(root: String, key: FingerprintKey) {
        self.root = root
        self.key = key
    }

    public var kind: ResourceKind { ConfigFileResource.kind }

    private var paths: HostPaths { HostPaths(root: root) }

    public func fingerprint(_ name: String) throws -> Fingerprint {
        paths.fingerprint(name, key: key)
    }

    public func snapshot(_ name: String) throws -> ObjectSnapshot {
        let target = try HostFile(paths: paths, hostPath: name).resolved()
        guard let stat = target.status else { return ObjectSnapshot(content: nil, fingerprint: .absent) }
        guard let data = FileManager.default.contents(atPath: target.onDisk) else {
            throw ConfigStoreError.unreadable(name, String(cString: strerror(errno)))
        }
        return ObjectSnapshot(
            content: data,
            attributes: ["mode": String(stat.st_mode & 0o7777, radix: 8), "uid": "\(stat.st_uid)", "gid": "\(stat.st_gid)"],
            fingerprint: .digest(key.fingerprint(data)))
    }

    public func write(_ name: String, edits: [AnyEdit]) throws -> Fingerprint {
        guard let config = ConfigFileResource.configFile(of: name) else { throw ConfigStoreError.unknownFile(name) }
        let madeDirectory = try makeDropInDirectory(name, config)
        do {
            return try write(name, config, edits: edits)
        } catch {
            // Nothing of a failed write stays behind in a directory made for it: its temporary
            // file (the only thing in it) and the directory itself go.
            if let directory = madeDirectory {
                for leftover in leftovers(of: name) { try? remove(leftover, of: name) }
                rmdir(paths.onDisk(directory))
            }
            throw error
        }
    }

    private func write(_ name: String, _ config: ConfigFile, edits: [AnyEdit]) throws -> Fingerprint {
        try checkWritable(name)
        let file = try HostFile(paths: paths, hostPath: name).resolved()
        let tree: AugeasTree
        do {
            tree = try AugeasTree(root: root, loads: [ConfigReader.load(for: config, only: name)])
            // A file that exists but did not load (a root Augeas cannot see into, a lens that
            // skipped it) would be saved as if it were empty: refuse rather than lose its content.
            if file.status != nil, try tree.match(AugeasPath.files(name)).isEmpty, !file.isEmpty {
                throw ConfigStoreError.notLoaded(name)
            }
            let editor = ConfigEditor(tree: tree, file: name)
            for edit in edits { try editor.apply(try edit.unwrap(FileEdit.self)) }
            try tree.save()
        } catch {
            // A save that failed after creating its temporary file (disk full) left it behind:
            // the Applier removes it through `leftovers(of:)`, as after a crash.
            if let error = error as? AugeasError { throw ConfigStoreError.augeas(error.problems, keys: edits.compactMap(Self.key)) }
            throw error
        }
        return try fingerprint(name)
    }

    public func restore(_ name: String, from snapshot: ObjectSnapshot) throws -> Fingerprint {
        let target = try HostFile(paths: paths, hostPath: name).resolved()
        if let content = snapshot.content {
            let mode = snapshot.attributes["mode"].flatMap { mode_t($0, radix: 8) } ?? 0o644
            let owner = snapshot.attributes["uid"].flatMap { uid_t($0) }.map { ($0, snapshot.attributes["gid"].flatMap { gid_t($0) } ?? 0) }
            try AtomicFile.write(content, to: target.onDisk, mode: mode, owner: owner)
        } else if unlink(target.onDisk) != 0 && errno != ENOENT {
            throw ConfigStoreError.unreadable(name, "cannot remove it: \(String(cString: strerror(errno)))")
        }
        return try fingerprint(name)
    }

    private static func key(of edit: AnyEdit) -> String? {
        switch try? edit.unwrap(FileEdit.self) {
        case .set(let key, _), .setList(let key, _): return key
        case nil: return nil
        }
    }

    public func leftovers(of name: String) -> [Leftover] {
        guard let target = try? HostFile(paths: paths, hostPath: name).resolved() else { return [] }
        return FileTemporaries.present(Self.canonical(target.onDisk))
    }

    public func remove(_ leftover: Leftover, of name: String) throws {
        // Only what is, now, a temporary of this file: never any other path a journal names.
        guard leftovers(of: name).contains(where: { $0.path == leftover.path }) else { return }
        if unlink(leftover.path) != 0 && errno != ENOENT {
            throw ConfigStoreError.unreadable(name, "cannot remove its temporary file '\(leftover.path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Augeas names its temporary after the target's canonical path (its directory's links resolved).
    private static func canonical(_ path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        guard let real = realpath(dir, nil) else { return path }
        defer { free(real) }
        return String(cString: real) + "/" + (path as NSString).lastPathComponent
    }

    /// The directory of a drop-in hvharden writes, created (0755, as `systemctl edit` makes it)
    /// when its parent exists but it does not: a unit's `<unit>.d` under /etc/systemd/system, or
    /// systemd-coredump's /etc/systemd/coredump.conf.d for hvharden's own file. An empty one left
    /// by a rollback is harmless.
    /// Returns the directory when it made it.
    private func makeDropInDirectory(_ name: String, _ config: ConfigFile) throws -> String? {
        let directory = (name as NSString).deletingLastPathComponent
        let parent: String
        switch config {
        case .systemd where name.hasPrefix(SystemdUnitPaths.adminDirectory + "/"): parent = SystemdUnitPaths.adminDirectory
        case .coredump where name == config.writablePath: parent = (directory as NSString).deletingLastPathComponent
        default: return nil
        }
        var st = stat()
        guard lstat(paths.onDisk(directory), &st) != 0, errno == ENOENT, stat(paths.onDisk(parent), &st) == 0 else { return nil }
        if mkdir(paths.onDisk(directory), 0o755) != 0 {
            if errno == EEXIST { return nil }
            throw ConfigStoreError.noDirectory(name, directory)
        }
        return directory
    }

    /// Refuses a file that resolves (inside the root) to a package's or a runtime file, and a
    /// new file whose directory is missing (Augeas would fail with a bare ENOENT).
    private func checkWritable(_ name: String) throws {
        let slash = name.lastIndex(of: "/") ?? name.startIndex
        let directory = String(name[..<slash])
        let target = RootedPath.resolve(name, paths: paths)
            ?? RootedPath.resolve(directory.isEmpty ? "/" : directory, paths: paths).map { $0 + String(name[slash...]) }
        guard let target else { throw ConfigStoreError.noDirectory(name, directory) }
        if let refusal = ConfigFileResource.writeRefusal(target) { throw ConfigStoreError.refused(refusal) }
    }
}

/// A host file under a root, with symbolic links followed to the file they name. A link that
/// leads outside the root is refused: in a sandbox it would name a file of the real host.
struct HostFile {
    let onDisk: String
    let status: stat?

    init(paths: HostPaths, hostPath: String) {
        onDisk = paths.onDisk(hostPath)
        var st = stat()
        status = stat(onDisk, &st) == 0 ? st : nil
        self.hostPath = hostPath
        self.root = paths.root
    }

    private let hostPath: String
    private let root: String

    var isEmpty: Bool { (status?.st_size ?? 0) == 0 }

    /// This file with links resolved: the file Augeas writes and rollback restores.
    func resolved() throws -> HostFile {
        var st = stat()
        guard lstat(onDisk, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return self }
        guard let real = realpath(onDisk, nil) else {
            throw ConfigStoreError.unreadable(hostPath, "it is a symbolic link that does not resolve")
        }
        defer { free(real) }
        let canonical = String(cString: real)
        let base = root == "/" || root.isEmpty ? "" : (realpath(root, nil).map { p in defer { free(p) }; return String(cString: p) } ?? root)
        guard base.isEmpty || canonical.hasPrefix(base + "/") else {
            throw ConfigStoreError.linkOutsideRoot(hostPath, canonical)
        }
        return HostFile(resolvedPath: canonical, hostPath: hostPath, root: root)
    }

    private init(resolvedPath: String, hostPath: String, root: String) {
        onDisk = resolvedPath
        var st = stat()
        status = stat(resolvedPath, &st) == 0 ? st : nil
        self.hostPath = hostPath
        self.root = root
    }
}

enum ConfigStoreError: Error, CustomStringConvertible {
    case unknownFile(String)
    case unreadable(String, String)
    case notLoaded(String)
    case linkOutsideRoot(String, String)
    case noDirectory(String, String)
    case refused(String)
    /// A load or save Augeas refused; `keys` are the keys being set (Augeas's own messages do
    /// not always name the node, and never show values: they may be passwords).
    case augeas([String], keys: [String])

    var description: String {
        switch self {
        case .unknownFile(let path): return "'\(path)' is not a file hvharden edits"
        case .unreadable(let path, let why): return "cannot read '\(path)': \(why)"
        case .notLoaded(let path):
            return "Augeas did not load '\(path)' although it exists; refusing to save it (its content would be lost)"
        case .linkOutsideRoot(let path, let target):
            return "'\(path)' is a symbolic link to '\(target)', outside the root; refusing to write through it"
        case .noDirectory(let path, let directory): return "cannot create '\(path)': the directory '\(directory)' does not exist"
        case .refused(let why): return why
        case .augeas(let problems, let keys):
            let setting = keys.isEmpty ? "" : " (while setting \(keys.map { "'\($0)'" }.joined(separator: ", ")))"
            return problems.joined(separator: "; ") + setting
        }
    }
}
