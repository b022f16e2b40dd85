import Applier
import Compiler
import Digests
import Foundation
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// The store of `HostPathResource` objects: the mode and owner of host paths under a root. A
/// link is followed inside the root to the file it leads to, which is then opened with
/// `O_PATH|O_NOFOLLOW` (nothing is read from it, a device is never opened for real) and changed
/// through that descriptor, so a link swapped in meanwhile is refused rather than followed.
/// A write first takes away the bits the new mode lacks, then changes the owner, then sets the
/// new mode: no step in between grants more than before or after.
public struct HostPathStore: ObjectStore {
    public let root: String
    public let key: FingerprintKey

    public init(root: String, key: FingerprintKey) {
        self.root = root
        self.key = key
    }

    public var kind: ResourceKind { HostPathResource.kind }

    private var paths: HostPaths { HostPaths(root: root) }

    public func fingerprint(_ name: String) throws -> Fingerprint {
        PathReader.observe(name, paths: paths, names: UserDatabase(), key: key)?.fingerprint ?? .absent
    }

    public func snapshot(_ name: String) throws -> ObjectSnapshot {
        guard let path = PathReader.observe(name, paths: paths, names: UserDatabase(), key: key) else {
            return ObjectSnapshot(content: nil, fingerprint: .absent)
        }
        let attributes = ["mode": octalMode(path.mode), "uid": "\(path.uid)", "gid": "\(path.gid)", "target": path.target ?? name]
        return ObjectSnapshot(content: Data("\(attributes["mode"]!) \(path.uid) \(path.gid)".utf8), attributes: attributes, fingerprint: path.fingerprint)
    }

    public func write(_ name: String, edits: [AnyEdit]) throws -> Fingerprint {
        guard let path = PathReader.observe(name, paths: paths, names: UserDatabase(), key: key) else {
            throw HostPathError.missing(name)
        }
        var mode = path.mode
        var uid = path.uid
        for edit in edits {
            switch try edit.unwrap(PathEdit.self) {
            case .setMode(let text):
                guard let bits = UInt32(text, radix: 8), bits <= 0o7777 else { throw HostPathError.badMode(name, text) }
                mode = bits
            case .setOwner(_, let id):
                uid = id
            }
        }
        try change(path.target ?? name, from: path.mode, to: mode, uid: uid, gid: path.gid)
        return try fingerprint(name)
    }

    public func restore(_ name: String, from snapshot: ObjectSnapshot) throws -> Fingerprint {
        // hvharden never creates or removes a path: one that did not exist has nothing to restore.
        guard snapshot.content != nil else { return try fingerprint(name) }
        guard let mode = snapshot.attributes["mode"].flatMap({ UInt32($0, radix: 8) }),
              let uid = snapshot.attributes["uid"].flatMap({ UInt32($0) }), let gid = snapshot.attributes["gid"].flatMap({ UInt32($0) }) else {
            throw HostPathError.badSnapshot(name)
        }
        guard let now = PathReader.observe(name, paths: paths, names: UserDatabase(), key: key) else { throw HostPathError.missing(name) }
        try change(now.target ?? name, from: now.mode, to: mode, uid: uid, gid: gid)
        return try fingerprint(name)
    }

    /// Changes the file at `hostPath` (no link in it) to `mode`, `uid` and `gid`.
    private func change(_ hostPath: String, from old: UInt32, to mode: UInt32, uid: UInt32, gid: UInt32) throws {
        let fd = open(paths.onDisk(hostPath), openPath | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw HostPathError.system(hostPath, "cannot open it", errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw HostPathError.system(hostPath, "cannot read its status", errno) }
        guard (st.st_mode & S_IFMT) != S_IFLNK else { throw HostPathError.becameLink(hostPath) }
        let handle = "/proc/self/fd/\(fd)"
        if chmod(handle, mode_t(old & mode)) != 0 { throw HostPathError.system(hostPath, "cannot change its mode", errno) }
        if st.st_uid != uid || st.st_gid != gid, fchownat(fd, "", uid, gid, atEmptyPath) != 0 {
            throw HostPathError.system(hostPath, "cannot change its owner", errno)
        }
        if chmod(handle, mode_t(mode)) != 0 { throw HostPathError.system(hostPath, "cannot change its mode", errno) }
    }
}

/// Linux's `O_PATH` and `AT_EMPTY_PATH` (asm-generic values, the same on x86-64 and arm64),
/// which Glibc's module does not export because they need `_GNU_SOURCE`.
private let openPath: Int32 = 0o10000000
private let atEmptyPath: Int32 = 0x1000

enum HostPathError: Error, CustomStringConvertible {
    case missing(String)
    case badMode(String, String)
    case badSnapshot(String)
    case becameLink(String)
    case system(String, String, Int32)

    var description: String {
        switch self {
        case .missing(let path): return "'\(path)' no longer exists"
        case .badMode(let path, let mode): return "'\(mode)' is not a mode for '\(path)'"
        case .badSnapshot(let path): return "the backup of '\(path)' has no mode or owner to restore"
        case .becameLink(let path): return "'\(path)' became a symbolic link; refusing to change what it leads to"
        case .system(let path, let what, let code): return "\(what) '\(path)': \(String(cString: strerror(code)))"
        }
    }
}
