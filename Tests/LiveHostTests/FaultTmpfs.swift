import Foundation
#if canImport(Glibc)
import Glibc
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests
#endif

/// A small tmpfs mounted over a sandbox directory (its old content copied in), to make saves
/// fail the way a real host's would: read-only (`EROFS`) or full (`ENOSPC`). Needs root, as CI
/// has; when mount is refused the test fails saying so. Callers unmount in `defer`.
final class FaultTmpfs {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let path: String
    private var mounted = false

    /// Mounts a tmpfs of `kilobytes` at `path`, with the directory's previous files copied in.
    init(at path: String, kilobytes: Int) throws {
        self.path = path
        let saved = path + ".before-tmpfs"
        try FileManager.default.moveItem(atPath: path, toPath: saved)
        defer { try? FileManager.default.removeItem(atPath: saved) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try Self.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0755", "tmpfs", path])
        mounted = true
        for item in try FileManager.default.contentsOfDirectory(atPath: saved) {
            try FileManager.default.copyItem(atPath: saved + "/" + item, toPath: path + "/" + item)
        }
    }

    deinit { unmount() }

    func remountReadOnly() throws {
        try Self.mount(["-o", "remount,ro", path])
    }

    /// Fills the file system, then frees `pages` pages (4 KiB each) so a save can get that far.
    func fill(leaving pages: Int = 0) throws {
        let filler = path + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot create '\(filler)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x5a, count: 4096)
        var size = 0
        while true {
            let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            size += n
        }
        guard errno == ENOSPC else { throw Failure(description: "filling '\(path)' stopped with \(String(cString: strerror(errno)))") }
        _ = ftruncate(fd, off_t(max(0, size - pages * 4096)))
    }

    /// Unmounts (lazily if something still holds it open); never throws, it runs in `defer`.
    func unmount() {
        guard mounted else { return }
        if (try? Self.run("/usr/bin/umount", [path])) != nil || (try? Self.run("/usr/bin/umount", ["-l", path])) != nil {
            mounted = false
        }
    }

    private static func mount(_ arguments: [String]) throws {
        do {
            try run("/usr/bin/mount", arguments)
        } catch let failure as Failure {
            throw Failure(description: "this test needs to mount a tmpfs (run it as root, as CI does): \(failure)")
        }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "'\(tool) \(arguments.joined(separator: " "))' failed (\(process.terminationStatus)): \(message)")
        }
    }
}
