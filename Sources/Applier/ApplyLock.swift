import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One apply (or rollback) at a time per host: an exclusive `flock` on `STATE/lock`. The kernel
/// drops the lock when its holder dies, so a lock left by a killed process is taken over safely;
/// the file's text (pid and start time) only tells a waiting user who holds it.
public final class ApplyLock {
    public struct Holder: Sendable, CustomStringConvertible {
        public var pid: Int32
        public var started: String
        public var command: String

        public var description: String { "pid \(pid), started \(started), \(command)" }
    }

    private let fd: Int32
    public let path: String

    /// Takes the lock or throws `ApplyError.locked` at once, naming the holder.
    public init(stateDirectory: String, command: String) throws {
        try StateDirectory.ensure(stateDirectory)
        path = stateDirectory + "/lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ApplyError.io("cannot open lock file '\(path)'", errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readHolder(fd)
            close(fd)
            throw ApplyError.locked(path: path, holder: holder)
        }
        self.fd = fd
        let text = "\(getpid())\n\(ISO8601DateFormatter().string(from: Date()))\n\(command)\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        _ = fsync(fd)
    }

    /// Releases the lock (also released by the kernel if the process dies).
    public func release() {
        _ = ftruncate(fd, 0)
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    private static func readHolder(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        let lines = String(decoding: buffer[0..<n], as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count >= 2, let pid = Int32(lines[0]) else { return nil }
        return Holder(pid: pid, started: lines[1], command: lines.count > 2 ? lines[2] : "")
    }
}

/// The state directory (default `/var/lib/hvharden`): created 0700, never world-readable,
/// because journals hold domain XML with secrets.
public enum StateDirectory {
    public static let defaultPath = "/var/lib/hvharden"

    public static func ensure(_ path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw ApplyError.io("state path '\(path)' is not a directory", ENOTDIR) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ApplyError.io("cannot create state directory '\(path)': \(error.localizedDescription)", EACCES)
        }
    }
}
