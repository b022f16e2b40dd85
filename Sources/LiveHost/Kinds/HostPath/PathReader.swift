import Compiler
import Digests
import Foundation
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// Reads the host paths of a `PathQuery` under a root: each pattern expanded one directory level
/// per component (`*` and `?` match within a name; names starting with a dot only when the
/// pattern's component does), each match `lstat`ed, a symbolic link followed inside the root to
/// the file it leads to. Nothing is opened, so a device node or FIFO is never touched.
struct PathReader {
    let root: String
    let key: FingerprintKey

    private var paths: HostPaths { HostPaths(root: root) }

    func read(_ query: PathQuery) -> ObservedPaths {
        guard !query.isEmpty else { return .none }
        let names = UserDatabase(root: root)
        var observed = ObservedPaths()
        for user in query.users { observed.userIDs[user] = names.userIDs[user] }
        for pattern in query.patterns.sorted() {
            var found: [ObservedPath] = []
            for hostPath in expand(pattern, problems: &observed.problems) {
                if let path = Self.observe(hostPath, paths: paths, names: names, key: key) { found.append(path) }
            }
            observed.matches[pattern] = found.sorted { $0.hostPath < $1.hostPath }
        }
        return observed
    }

    /// The existing host paths `pattern` matches, in no particular order.
    func expand(_ pattern: String, problems: inout [String]) -> [String] {
        var prefixes = [""]
        for component in pattern.split(separator: "/").map(String.init) {
            guard component.contains(where: { $0 == "*" || $0 == "?" }) else {
                prefixes = prefixes.map { $0 + "/" + component }
                continue
            }
            var next: [String] = []
            for directory in prefixes {
                let onDisk = paths.onDisk(directory.isEmpty ? "/" : directory)
                var st = stat()
                guard stat(onDisk, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
                guard let entries = try? FileManager.default.contentsOfDirectory(atPath: onDisk) else {
                    problems.append("cannot list \(directory), so the paths \(pattern) names below it are not checked")
                    continue
                }
                for name in entries.sorted() where Glob.matches(component, name) && (!name.hasPrefix(".") || component.hasPrefix(".")) {
                    next.append(directory + "/" + name)
                }
            }
            prefixes = next
        }
        return prefixes.filter { lstatExists(paths.onDisk($0)) }
    }

    private func lstatExists(_ onDisk: String) -> Bool {
        var st = stat()
        return lstat(onDisk, &st) == 0
    }

    /// One path's metadata, a link read as its target inside the root; nil when it (or the
    /// link's target) does not exist.
    static func observe(_ hostPath: String, paths: HostPaths, names: UserDatabase, key: FingerprintKey) -> ObservedPath? {
        guard let real = RootedPath.resolve(hostPath, paths: paths) else { return nil }
        var st = stat()
        guard lstat(paths.onDisk(real), &st) == 0 else { return nil }
        let type: ObservedPath.FileType
        switch st.st_mode & S_IFMT {
        case S_IFREG: type = .file
        case S_IFDIR: type = .directory
        case S_IFCHR, S_IFBLK: type = .device
        default: type = .other
        }
        let mode = UInt32(st.st_mode & 0o7777)
        return ObservedPath(
            hostPath: hostPath, target: real == hostPath ? nil : real, type: type, mode: mode, uid: st.st_uid, gid: st.st_gid,
            user: names.users[st.st_uid], group: names.groups[st.st_gid],
            fingerprint: fingerprint(type: type, mode: mode, uid: st.st_uid, gid: st.st_gid, target: real, key: key))
    }

    /// The keyed fingerprint of a path's metadata (not its content).
    static func fingerprint(type: ObservedPath.FileType, mode: UInt32, uid: UInt32, gid: UInt32, target: String, key: FingerprintKey) -> Fingerprint {
        .digest(key.fingerprint(Array("path \(type.rawValue) \(octalMode(mode)) \(uid) \(gid) \(target)".utf8)))
    }
}
