import Applier
import Digests
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The host's fingerprint key, `STATE/fingerprint.key` (32 random bytes, mode 0600 in a 0700
/// directory), created on first use. Plans and journals made with one key can be checked only
/// with the same key: keep the state directory, or plan again.
public enum FingerprintKeyFile {
    public static func load(stateDirectory: String) throws -> FingerprintKey {
        let path = stateDirectory + "/fingerprint.key"
        do {
            try StateDirectory.ensure(stateDirectory)
        } catch let refusal as TrustedPath.Refusal {
            throw KeyFileError(path: path, reason: "the state directory is not trusted: \(refusal)")
        }
        if let key = try read(path) { return key }
        let key = try FingerprintKey.generate()
        // Written to a file of its own, then linked into place: link(2) fails if another process
        // made the key meanwhile (then that one is used), and no reader ever sees a key file
        // created but not yet written.
        var template = Array("\(stateDirectory)/.fingerprint.key.hvharden-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw KeyFileError(path: path, reason: String(cString: strerror(errno))) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(temporary) }
        let written = key.bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = written == FingerprintKey.byteCount && fchmod(fd, 0o600) == 0 && fsync(fd) == 0
        let failure = errno
        close(fd)
        guard synced else { throw KeyFileError(path: path, reason: String(cString: strerror(failure))) }
        if link(temporary, path) != 0 {
            if errno == EEXIST, let key = try read(path) { return key }
            throw KeyFileError(path: path, reason: String(cString: strerror(errno)))
        }
        return key
    }

    private static func read(_ path: String) throws -> FingerprintKey? {
        let fd: Int32
        do {
            fd = try TrustedPath.open(path, flags: O_RDONLY)
        } catch let refusal as TrustedPath.Refusal {
            throw KeyFileError(path: path, reason: refusal.reason)
        }
        if fd < 0 { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw KeyFileError(path: path, reason: String(cString: strerror(errno))) }
        guard st.st_mode & 0o077 == 0 else {
            throw KeyFileError(path: path, reason: "its mode \(String(st.st_mode & 0o777, radix: 8)) lets others read it; it must be 0600")
        }
        var bytes = [UInt8](repeating: 0, count: FingerprintKey.byteCount + 1)
        let n = Glibc.read(fd, &bytes, bytes.count)
        guard n == FingerprintKey.byteCount, let key = FingerprintKey(bytes: Array(bytes.prefix(n))) else {
            throw KeyFileError(path: path, reason: "it does not hold a \(FingerprintKey.byteCount)-byte key")
        }
        return key
    }
}

/// The fingerprint key could not be read or made.
public struct KeyFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String {
        "cannot use the fingerprint key '\(path)': \(reason) (run as root, or pass --state-dir with a directory of your own)"
    }
}
