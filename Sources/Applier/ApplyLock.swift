import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One apply (or rollback) at a time per host. The lock is a set of exclusive `flock`s, all
/// taken or none: `STATE/lock`, and under the host lock directory (default `/run/hvharden`)
/// one for the root whose files are written and one for the libvirt connection whose domains
/// are, so two applies with different state directories still exclude each other. The kernel
/// drops a lock when its holder dies, so a lock left by a killed process is taken over safely;
/// a lock file's text (pid, start time, command) only tells a waiting user who holds it.
public final class ApplyLock {
    public struct Holder: Sendable, CustomStringConvertible {
        public var pid: Int32
        public var started: String
        public var command: String

        public var description: String { "pid \(pid), started \(started), \(command)" }
    }

    private var held: [Int32] = []
    /// The lock files, in the order they were taken.
    public let paths: [String]
    public var path: String { paths[0] }

    /// Takes every lock or throws `ApplyError.locked`, naming the holder: at once, or after
    /// trying for `timeout` seconds (Terraform's `-lock-timeout`). While waiting it holds none
    /// of them, so two waiters cannot block each other.
    public init(stateDirectory: String, host: HostLockScope?, command: String, timeout: TimeInterval = 0) throws {
        try StateDirectory.ensure(stateDirectory)
        var paths = [stateDirectory + "/lock"]
        if let host {
            try TrustedPath.directory(host.directory)
            paths += host.lockFiles
        }
        self.paths = paths
        let text = "\(getpid())\n\(ISO8601DateFormatter().string(from: Date()))\n\(command)\n"
        let deadline = Date().addingTimeInterval(max(0, timeout))
        while true {
            do {
                try take(paths, text: text)
                return
            } catch ApplyError.locked where Date() < deadline {
                usleep(200_000)
            }
        }
    }

    private func take(_ paths: [String], text: String) throws {
        for path in paths {
            let fd: Int32
            do {
                fd = try TrustedPath.open(path, flags: O_RDWR, create: true)
            } catch {
                release()
                throw error
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let holder = Self.readHolder(fd)
                close(fd)
                release()
                throw ApplyError.locked(path: path, holder: holder)
            }
            held.append(fd)
            _ = ftruncate(fd, 0)
            _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
            _ = fsync(fd)
        }
    }

    /// Releases every lock held (also released by the kernel if the process dies).
    public func release() {
        for fd in held.reversed() {
            _ = ftruncate(fd, 0)
            _ = flock(fd, LOCK_UN)
            close(fd)
        }
        held.removeAll()
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

/// The state directory (default `/var/lib/hvharden`): created 0700 and checked by
/// `TrustedPath` (owned by root, writable by no one else, no link), because it holds journals
/// with secrets, the fingerprint key and the records apply trusts.
public enum StateDirectory {
    public static let defaultPath = "/var/lib/hvharden"

    public static func ensure(_ path: String) throws {
        try TrustedPath.directory(path)
    }
}
