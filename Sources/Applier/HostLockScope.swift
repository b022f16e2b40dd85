import Digests
import Foundation

/// What one apply changes on a host, for locking: the root whose files it writes and the
/// libvirt connection whose domains it defines. Each has its own lock file under `directory`
/// (`root-<digest>.lock`, `connect-<digest>.lock`), named by the SHA-256 of the root's real
/// path and of the connection's canonical URI, so every spelling of one root, and every state
/// directory, meets the same lock. A remote connection is locked only against applies started
/// on this machine. A connection without shared state (libvirt's `test:` driver keeps its
/// domains in the process that opened it) has no lock.
public struct HostLockScope: Sendable, Equatable {
    /// Where host locks live when no other directory is given: a tmpfs, emptied at boot.
    public static let defaultDirectory = "/run/hvharden"

    public var directory: String
    public var root: String
    public var connection: String?

    public init(directory: String, root: String, connection: String?) {
        self.directory = directory
        self.root = root
        self.connection = connection
    }

    /// The lock files, root first (every apply takes them in this order).
    public var lockFiles: [String] {
        [directory + "/root-" + Self.name(Self.canonical(root)) + ".lock"]
            + (connection.map { [directory + "/connect-" + Self.name($0) + ".lock"] } ?? [])
    }

    private static func name(_ text: String) -> String { String(SHA256.hex(Array(text.utf8)).prefix(32)) }

    private static func canonical(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}
