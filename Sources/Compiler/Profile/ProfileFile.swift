#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a profile file from disk, and only a regular file: the type is checked with stat(2)
/// before opening, the file is opened non-blocking (a FIFO swapped in after the check cannot
/// stall the read), checked again with fstat(2) on the opened descriptor, and refused when its
/// size is over the cap, before a byte is read. Reading then stops one byte past the cap, for
/// files that grow while they are read.
enum ProfileFile {
    /// What is at a path, as stat(2) (following symlinks) sees it.
    enum Kind: Equatable {
        case missing
        case regular
        /// Not a regular file: `what` names it, e.g. "a FIFO".
        case other(what: String)
        /// stat failed for another reason, e.g. permission denied on a directory.
        case unreadable(reason: String)
    }

    static func kind(at path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .unreadable(reason: String(cString: strerror(code)))
        }
        return kind(of: info.st_mode)
    }

    static func kind(of mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .other(what: "a directory")
        case S_IFIFO: return .other(what: "a FIFO")
        case S_IFSOCK: return .other(what: "a socket")
        case S_IFCHR: return .other(what: "a character device")
        case S_IFBLK: return .other(what: "a block device")
        default: return .other(what: "not a regular file")
        }
    }

    /// The file's bytes, or the diagnostic message that says why not (its name quoted).
    static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        let quoted = "'\(path)'"
        switch kind(at: path) {
        case .missing: return .failure(Failure(message: "no such profile file \(quoted)"))
        case .unreadable(let reason): return .failure(Failure(message: "cannot read profile \(quoted): \(reason)"))
        case .other(let what): return .failure(Failure(message: Self.notRegular(quoted, what)))
        case .regular: break
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            return .failure(Failure(message: "cannot read profile \(quoted): \(String(cString: strerror(errno)))"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            return .failure(Failure(message: "cannot read profile \(quoted): \(String(cString: strerror(errno)))"))
        }
        if case .other(let what) = kind(of: info.st_mode) { return .failure(Failure(message: Self.notRegular(quoted, what))) }
        guard info.st_size <= limit else { return .failure(Failure(message: tooBig(quoted))) }
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(message: "cannot read profile \(quoted): \(String(cString: strerror(errno)))"))
            }
            count += got
        }
        guard count <= limit else { return .failure(Failure(message: tooBig(quoted))) }
        return .success(Array(bytes[0..<count]))
    }

    struct Failure: Error {
        var message: String
    }

    private static func notRegular(_ quoted: String, _ what: String) -> String {
        "\(quoted) is \(what), not a regular file"
    }

    private static func tooBig(_ quoted: String) -> String {
        "profile \(quoted) is larger than 1 MiB; refusing to read it (a profile is a few kilobytes)"
    }
}
