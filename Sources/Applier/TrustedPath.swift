import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The checks that make hvharden's own files trustworthy: the state directory (journals,
/// backups, the fingerprint key, applied-plan records) and the lock directory. A file there
/// is believed only if no one but the running user (root on a host) could have put it there:
/// the directory and every directory above it are owned by root or by that user and are not
/// writable by group or others (a sticky directory such as `/tmp` is accepted above, never as
/// the directory itself), no link is followed, and each file is a regular file owned by that
/// user and writable by no one else. Anything else is refused by name; nothing is repaired
/// silently.
public enum TrustedPath {
    /// Why a path is not trusted.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            "refusing to use '\(path)': \(reason) (it must belong to \(TrustedPath.ownerName) and be writable by no one else)"
        }
    }

    static var owner: uid_t { geteuid() }
    static var ownerName: String { owner == 0 ? "root" : "uid \(owner)" }

    /// Creates `path` (mode 0700, with missing parents) unless it exists, then checks it and
    /// every directory above it.
    public static func directory(_ path: String) throws {
        var st = stat()
        if lstat(path, &st) != 0 {
            guard errno == ENOENT else { throw Refusal(path: path, reason: String(cString: strerror(errno))) }
            try ancestors(of: path)
            do {
                try FileManager.default.createDirectory(
                    atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw Refusal(path: path, reason: "it cannot be created: \(error.localizedDescription)")
            }
            guard lstat(path, &st) == 0 else { throw Refusal(path: path, reason: String(cString: strerror(errno))) }
        }
        try ancestors(of: path)
        try check(path, st, type: S_IFDIR, what: "directory")
    }

    /// Opens a file inside a trusted directory without following a link, creating it (mode
    /// 0600) when `create` is set; the caller owns the descriptor. Returns -1 with `errno`
    /// ENOENT when it does not exist and `create` is not set.
    public static func open(_ path: String, flags: Int32, create: Bool = false) throws -> Int32 {
        let fd = Glibc.open(path, flags | O_NOFOLLOW | O_CLOEXEC | (create ? O_CREAT : 0), 0o600)
        guard fd >= 0 else {
            if errno == ENOENT && !create { return -1 }
            let reason = errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno))
            throw Refusal(path: path, reason: reason)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { close(fd); throw Refusal(path: path, reason: String(cString: strerror(errno))) }
        do {
            try check(path, st, type: S_IFREG, what: "regular file")
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// The bytes of a trusted file; nil when it does not exist.
    public static func read(_ path: String, limit: Int = 256 << 20) throws -> Data? {
        let fd = try open(path, flags: O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n < 0 { if errno == EINTR { continue }; throw Refusal(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { return data }
            data.append(contentsOf: buffer[0..<n])
            guard data.count <= limit else { throw Refusal(path: path, reason: "it is larger than \(limit) bytes") }
        }
    }

    /// Checks an existing directory inside a trusted one (a journal), without creating it.
    public static func existingDirectory(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw Refusal(path: path, reason: String(cString: strerror(errno))) }
        try check(path, st, type: S_IFDIR, what: "directory")
    }

    private static func check(_ path: String, _ st: stat, type: mode_t, what: String) throws {
        if st.st_mode & S_IFMT == S_IFLNK { throw Refusal(path: path, reason: "it is a symbolic link") }
        guard st.st_mode & S_IFMT == type else { throw Refusal(path: path, reason: "it is not a \(what)") }
        guard st.st_uid == owner else { throw Refusal(path: path, reason: "it is owned by uid \(st.st_uid)") }
        guard st.st_mode & 0o022 == 0 else {
            throw Refusal(path: path, reason: "its mode \(String(st.st_mode & 0o7777, radix: 8)) lets group or others write it")
        }
    }

    /// Every existing directory above `path` (links resolved): owned by root or the running
    /// user, and not writable by group or others unless sticky (as `/tmp` is).
    private static func ancestors(of path: String) throws {
        func refuse(_ why: String) -> Refusal { Refusal(path: path, reason: why) }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parent = (absolute as NSString).deletingLastPathComponent
        // The nearest existing ancestor, with links resolved; missing ones will be made 0700.
        var st = stat()
        while lstat(parent, &st) != 0 && parent != "/" { parent = (parent as NSString).deletingLastPathComponent }
        guard let real = realpath(parent, nil) else { throw refuse("'\(parent)': \(String(cString: strerror(errno)))") }
        var current = String(cString: real)
        free(real)
        while true {
            guard lstat(current, &st) == 0 else { throw refuse("'\(current)': \(String(cString: strerror(errno)))") }
            if st.st_uid != 0 && st.st_uid != owner { throw refuse("'\(current)' above it is owned by uid \(st.st_uid)") }
            if st.st_mode & 0o022 != 0 && st.st_mode & S_ISVTX == 0 {
                throw refuse("'\(current)' above it (mode \(String(st.st_mode & 0o7777, radix: 8))) is writable by group or others")
            }
            if current == "/" { return }
            current = (current as NSString).deletingLastPathComponent
        }
    }
}
