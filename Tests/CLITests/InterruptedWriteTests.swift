import Foundation
import Testing
@testable import Applier
import TestSupport
import LiveTestSupport

/// An apply killed while a file was on its way to disk leaves temporary files next to it
/// (Augeas's `qemu.conf.XXXXXX`, hvharden's `.qemu.conf.hvharden-XXXXXX`, a journal file's
/// own). The next apply or rollback removes exactly those its journal can tell are its own:
/// new since the journal recorded the file, and never a file that was there before.
@Suite struct InterruptedWriteTests {
    static let qemuDir = "/etc/libvirt"

    @Test(arguments: ["rollback", "apply"])
    func theNextRunRemovesTheTemporariesAKilledApplyLeft(next: String) throws {
        let box = try ApplierSandbox()
        let locks = box.directory + "/locks"
        let dir = box.root + Self.qemuDir
        // An operator's file that happens to look like a temporary, there before the apply.
        let operators = [dir + "/qemu.conf.keepme", dir + "/unrelated.Ab12Cd"]
        for path in operators { try Data("mine\n".utf8).write(to: URL(fileURLWithPath: path)) }

        let apply = ["apply", "--profile", ApplierSandbox.baseline, "--connect", box.uri, "--root", box.root,
                     "--state-dir", box.state, "--lock-dir", locks, "--auto-approve"]
        let child = try CLIChild(apply, environment: ["HVHARDEN_TEST_PAUSE_AT": "after-journal"])
        try child.waitForStderr("paused at after-journal")
        // What a save and a restore killed half-way leave, written after the journal began.
        let journal = try Journal.open(stateDirectory: box.state, id: nil)
        let left = [dir + "/qemu.conf.Xy12Zq", dir + "/.qemu.conf.hvharden-Qw34Er", journal.directory + "/.manifest.json.hvharden-Zz99Yy"]
        for path in left { try Data("half\n".utf8).write(to: URL(fileURLWithPath: path)) }
        child.killHard()

        let arguments = next == "rollback" ? ["rollback", "--state-dir", box.state, "--lock-dir", locks] : apply
        let run = try CLIChild.run(arguments, timeout: 120)
        #expect(run.status == 0, "\(next): \(run.stderr)")
        for path in left {
            #expect(!FileManager.default.fileExists(atPath: path), "\(next) left \(path)")
            #expect(run.stdout.contains("removed \(path) ("), "\(next) did not say it removed \(path): \(run.stdout)")
        }
        for path in operators { #expect(FileManager.default.fileExists(atPath: path), "\(next) removed the operator's \(path)") }
        let manifest = try Journal.open(stateDirectory: box.state, id: journal.manifest.id).manifest
        #expect(manifest.temporariesRemoved == true)

        // Swept once: a file made later under the same name is not the killed apply's.
        try Data("later\n".utf8).write(to: URL(fileURLWithPath: left[0]))
        let again = try CLIChild.run(arguments, timeout: 120)
        #expect(again.status == 0, "\(next) again: \(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: left[0]), "a second \(next) removed a file made after the sweep")
    }
}
