import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file that may hold sensitive host details (a saved plan) so that no other user can
/// read it at any moment and no reader ever sees half of it.
enum OutputFile {
    /// Why a file could not be written; names the file and the system's reason.
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var step: String
        var code: Int32

        var description: String {
            "cannot write '\(path)': \(step) failed: \(String(cString: strerror(code)))"
        }
    }

    /// Writes `data` to `path` atomically with permissions `mode`.
    ///
    /// The bytes go to a new temporary file in the same directory, created with `O_EXCL` and
    /// `mode` from the start (a chmod afterwards would leave a window with the umask's
    /// permissions), flushed with fsync, then renamed over `path`: rename within one filesystem
    /// is atomic, so `path` is always either the old file or the complete new one.
    static func writeAtomically(_ data: Data, to path: String, mode: mode_t = 0o600) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteError(path: path, step: "create", code: errno) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(fd) }
            try writeAll(data, to: fd, path: path)
            guard fsync(fd) == 0 else { throw WriteError(path: path, step: "fsync", code: errno) }
        }
        guard rename(temporary, url.path) == 0 else { throw WriteError(path: path, step: "rename", code: errno) }
        renamed = true
    }

    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(path: path, step: "write", code: errno)
                }
                offset += n
            }
        }
    }
}
