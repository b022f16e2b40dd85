import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport

/// The host-wide lock through the command line: a second apply on the same root is refused
/// even with its own state directory.
@Suite struct HostLockCLITests {
    /// Two `hvharden apply` processes on one root with different state directories: the second
    /// fails at once naming the root's lock, and writes nothing.
    @Test func secondApplyWithAnotherStateDirectoryIsRefused() throws {
        let box = try ApplierSandbox()
        let locks = box.directory + "/locks"
        func arguments(_ state: String) -> [String] {
            ["apply", "--profile", ApplierSandbox.baseline, "--connect", box.uri, "--root", box.root,
             "--state-dir", state, "--lock-dir", locks, "--auto-approve"]
        }
        let first = try CLIChild(arguments(box.state), environment: ["HVHARDEN_TEST_PAUSE_AT": "after-journal"])
        try first.waitForStderr("paused at after-journal")
        let files = try box.snapshot()
        let second = try CLIChild.run(arguments(box.directory + "/other-state"), timeout: 30)
        #expect(second.status == 1)
        #expect(second.stderr.contains("error: another apply holds the lock '\(locks)/root-"), "stderr: \(second.stderr)")
        #expect(try box.snapshot() == files)
        first.killHard()
    }
}
