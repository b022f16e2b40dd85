import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Two `hvharden apply` processes on one state directory: the second fails at once, naming the
/// first by pid and start time, and writes nothing; once the first is gone, applying works again.
@Suite struct ConcurrentApplyTests {
    @Test func secondApplyFailsAtOnceNamingTheHolder() throws {
        let box = try ApplierSandbox()
        let arguments = ["apply", "--profile", ApplierSandbox.baseline, "--connect", box.uri, "--root", box.root,
                         "--state-dir", box.state, "--auto-approve"]
        let first = try CLIChild(arguments, environment: ["HVHARDEN_TEST_PAUSE_AT": "after-journal"])
        try first.waitForStderr("paused at after-journal")
        let files = try box.snapshot()

        // The first apply sleeps for an hour at its pause point: waiting for its lock would time out.
        let second = try CLIChild.run(arguments, timeout: 30)
        #expect(second.status == 1)
        #expect(second.seconds < 10, "the second apply took \(second.seconds) s: it waited instead of failing")
        let lock = box.state + "/lock"
        #expect(second.stderr.contains("error: another apply holds the lock '\(lock)' (pid \(first.pid), started "),
                "stderr: \(second.stderr)")
        #expect(first.isRunning, "the first apply did not stay paused")
        #expect(try box.snapshot() == files)
        let journals = try FileManager.default.contentsOfDirectory(atPath: box.state + "/journal")
        #expect(journals.count == 1, "the refused apply created a journal: \(journals)")

        // The kernel drops the lock with its holder: the next apply goes through.
        first.killHard()
        let third = try CLIChild.run(arguments, timeout: 60)
        #expect(third.status == 0, "stderr: \(third.stderr)")
        #expect(third.stdout.contains("Apply complete"))
        print("concurrent: refused in \(String(format: "%.2f", second.seconds)) s; next apply \(String(format: "%.2f", third.seconds)) s")
    }
}
