import Foundation
import Testing
@testable import LiveHost
import TestSupport

/// Common `--connect` mistakes get an error that says what is wrong and what to type instead.
@Suite struct ConnectionURITests {
    @Test func aTwoSlashTestURIIsExplained() throws {
        let problem = try #require(ConnectionURI.problem("test://examples/lab/node.xml"))
        #expect(problem.contains("three slashes"))
        #expect(problem.contains("reads 'examples' as a host name"))
        #expect(problem.contains("test://\(FileManager.default.currentDirectoryPath)/examples/lab/node.xml"))
    }

    @Test func aMissingNodeFileIsNamed() throws {
        #expect(ConnectionURI.problem("test:///nonexistent-\(UUID().uuidString).xml")?.contains("does not exist") == true)
    }

    @Test(arguments: ["test:///default", "qemu:///system", "qemu+ssh://hv02/system", "test://\(RenderLabPaths.node)"])
    func goodURIsPass(uri: String) {
        #expect(ConnectionURI.problem(uri) == nil, "\(uri)")
    }

    @Test func theCommandLineSaysSo() throws {
        let run = try CLI.run(["plan", "--connect", "test://examples/lab/node.xml", "--state-dir", CLI.stateDirectory])
        #expect(run.status == 1)
        #expect(run.stderr.contains("three slashes"), "\(run.stderr)")
    }

    /// Run as an unprivileged user (nobody), a failed qemu:///system connection says what it needs.
    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")))
    func anUnprivilegedUserIsToldToRunAsRoot() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-nobody-\(UUID().uuidString)").path
        let run = try ProcessRun.run("/usr/sbin/runuser", ["-u", "nobody", "--", try Binaries.hvharden, "plan", "--connect", "qemu:///system",
                                                         "--root", RenderLabPaths.root, "--state-dir", state])
        defer { try? FileManager.default.removeItem(atPath: state) }
        #expect(run.status == 1)
        #expect(run.stderr.contains("needs root"), "\(run.stderr)")
    }
}

enum RenderLabPaths {
    static let node = Repo.root.appendingPathComponent("examples/lab/node.xml").path
    static let root = Repo.root.appendingPathComponent("examples/lab/root").path
}
