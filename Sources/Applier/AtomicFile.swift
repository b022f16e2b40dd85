import Compiler
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that a reader (or a crash) sees either the old bytes or the new ones: a
/// temporary file in the same directory, created with its final mode, written, fsynced, then
/// renamed over the target, and the directory fsynced.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String, mode: mode_t, owner: (uid_t, gid_t)? = nil) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        var template = Array("\(dir)/.\(base).hvharden-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ApplyError.io("cannot create a temporary file in '\(dir)'", errno) }
        let temp = String(cString: template)
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        guard fchmod(fd, mode) == 0 else { let e = errno; close(fd); throw ApplyError.io("cannot set the mode of '\(temp)'", e) }
        if let (uid, gid) = owner, fchown(fd, uid, gid) != 0 {
            let e = errno; close(fd); throw ApplyError.io("cannot set the owner of '\(temp)'", e)
        }
        let written = data.withUnsafeBytes { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return -1 }
                offset += n
            }
            return offset
        }
        guard written == data.count else { let e = errno; close(fd); throw ApplyError.io("cannot write '\(temp)'", e) }
        guard fsync(fd) == 0 else { let e = errno; close(fd); throw ApplyError.io("cannot sync '\(temp)'", e) }
        close(fd)
        guard rename(temp, path) == 0 else { throw ApplyError.io("cannot rename '\(temp)' to '\(path)'", errno) }
        ok = true
        let dfd = open(dir, O_RDONLY | O_DIRECTORY)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }
}

/// SHA-256 of bytes, as the plan's basis records them.
public enum FileHash {
    public static func of(_ data: Data) -> String { SHA256.hex([UInt8](data)) }
}
