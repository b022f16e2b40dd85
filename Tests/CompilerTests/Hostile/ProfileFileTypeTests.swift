import Foundation
import Testing
@testable import Compiler
#if canImport(Glibc)
import Glibc
#endif

/// The result of work done on another thread.
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// Item 12: a profile or `extends` target that is not a regular file is named for what it is,
/// without opening it for a blocking read; the size cap holds on the opened descriptor.
@Suite struct ProfileFileTypeTests {
    /// Runs `body` on its own thread and fails (instead of hanging the run) when it takes longer
    /// than `seconds`; `unblock` then frees the stuck thread (writing to a FIFO it waits on).
    static func withinTime<T: Sendable>(_ seconds: Double = 5, unblock: @escaping @Sendable () -> Void = {},
                                        _ body: @escaping @Sendable () -> T) -> T? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Thread { box.value = body(); done.signal() }.start()
        guard done.wait(timeout: .now() + seconds) == .success else {
            Issue.record("did not return within \(seconds) s")
            unblock()
            _ = done.wait(timeout: .now() + seconds)
            return nil
        }
        return box.value
    }

    static func makeFIFO(_ path: String) throws {
        guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Opening the FIFO for writing lets a reader blocked in open(2) or read(2) go on.
    static func release(_ fifo: String) -> @Sendable () -> Void {
        { let fd = open(fifo, O_WRONLY | O_NONBLOCK); if fd >= 0 { close(fd) } }
    }

    @Test func fifoOnTheCommandLineIsNamedQuickly() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let fifo = directory.path("pipe.yaml")
        try Self.makeFIFO(fifo)
        let diagnostics = Self.withinTime(unblock: Self.release(fifo)) { ProfileTestSupport.diagnostics([fifo]) }
        #expect(diagnostics?.map(\.message) == ["'\(fifo)' is a FIFO, not a regular file"])
    }

    @Test func fifoAsAnExtendsTargetIsNamedAtTheEntry() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try Self.makeFIFO(directory.path("pipe.yaml"))
        let site = try directory.write("site.yaml", profileHeader() + "extends: [pipe.yaml]\n")
        let diagnostics = Self.withinTime(unblock: Self.release(directory.path("pipe.yaml"))) { ProfileTestSupport.diagnostics([site]) }
        #expect(diagnostics?.map(\.description) == ["\(site):4:11: error: '\(directory.path("pipe.yaml"))' is a FIFO, not a regular file"])
    }

    @Test(arguments: [("/dev/null", "a character device"), ("/dev/zero", "a character device")])
    func devicesAreNamed(path: String, kind: String) {
        let diagnostics = Self.withinTime { ProfileTestSupport.diagnostics([path]) }
        #expect(diagnostics?.map(\.message) == ["'\(path)' is \(kind), not a regular file"])
    }

    @Test func directoryAsExtendsTargetIsNamed() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path("base.yaml"), withIntermediateDirectories: false)
        let site = try directory.write("site.yaml", profileHeader() + "extends: [base.yaml]\n")
        #expect(ProfileTestSupport.diagnostics([site]).map(\.message) == ["'\(directory.path("base.yaml"))' is a directory, not a regular file"])
    }

    @Test func socketIsNamed() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = directory.path("s.yaml")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in path.utf8.enumerated() where i < buffer.count - 1 { buffer[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        #expect(ProfileTestSupport.diagnostics([path]).map(\.message) == ["'\(path)' is a socket, not a regular file"])
    }

    /// A sparse file of 1 GiB: refused from fstat's size, without reading a byte of it.
    @Test func hugeSparseFileIsRefusedWithoutReading() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("huge.yaml", profileHeader())
        try #require(truncate(path, 1 << 30) == 0)
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure { diagnostics = ProfileTestSupport.diagnostics([path]) }
        #expect(elapsed < .milliseconds(200), "took \(elapsed)")
        #expect(diagnostics.map(\.message) == ["profile '\(path)' is larger than 1 MiB; refusing to read it (a profile is a few kilobytes)"])
    }

    @Test func symlinkToAProfileIsFollowed() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let real = try directory.write("real.yaml", profileHeader())
        let link = directory.path("link.yaml")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(throws: Never.self) { try ProfileTestSupport.compile([link]) }
    }
}
