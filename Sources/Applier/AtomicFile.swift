import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that a reader (or a crash) sees either the old bytes or the new ones: a
/// temporary file in the same directory, created with its final mode, written, fsynced, then
/// renamed over the target, and the directory fsynced.
public enum AtomicFile {
    /// Why a file could not be written: the file, the step that failed and the system's reason.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var step: String
        public var code: Int32

        public var description: String {
            "cannot write '\(path)': \(step) failed: \(String(cString: strerror(code)))"
        }
    }

    /// Whether `name` is the name of one of this type's temporary files (`.<name>.hvharden-XXXXXX`).
    public static func isTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".hvharden-", options: .backwards) else { return false }
        let suffix = name[marker.upperBound...]
        return marker.lowerBound > name.index(after: name.startIndex)
            && suffix.count == 6 && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    public static func write(_ data: Data, to path: String, mode: mode_t, owner: (uid_t, gid_t)? = nil) throws {
        try write(to: path, mode: mode, owner: owner) { write in try data.withUnsafeBytes { try write($0) } }
    }

    /// Writes the bytes `produce` hands to its argument, block by block, so a large document
    /// need not be held in memory. An error `produce` throws leaves the old file in place.
    public static func write(
        to path: String, mode: mode_t, owner: (uid_t, gid_t)? = nil,
        _ produce: (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        func failure(_ step: String, _ code: Int32 = errno) -> WriteError { WriteError(path: path, step: step, code: code) }
        var template = Array("\(dir.isEmpty ? "." : dir)/.\(base).hvharden-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure("create") }
        let temp = String(cString: template)
        var ok = false
        var isOpen = true
        defer {
            if isOpen { close(fd) }
            if !ok { unlink(temp) }
        }
        guard fchmod(fd, mode) == 0 else { throw failure("chmod") }
        if let (uid, gid) = owner, fchown(fd, uid, gid) != 0 { throw failure("chown") }
        try produce { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure("write")
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw failure("fsync") }
        isOpen = false
        close(fd)
        guard rename(temp, path) == 0 else { throw failure("rename") }
        ok = true
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }
}
