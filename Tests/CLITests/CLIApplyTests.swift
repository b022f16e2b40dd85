import Compiler
import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// `hvharden apply` as a user meets it: no silent apply without a terminal, a saved plan applied
/// at most once, and a plan file of an unknown format refused. Runs the built binary on the lab
/// (libvirt test driver, a copy of the lab root).
@Suite struct CLIApplyTests {
    func planArguments(_ box: ApplierSandbox) -> [String] {
        ["--profile", ApplierSandbox.baseline, "--connect", box.uri, "--root", box.root]
    }

    @Test func profileWithoutTerminalOrAutoApproveIsRefused() throws {
        let box = try ApplierSandbox()
        let before = try box.snapshot()
        let run = try CLIChild.run(["apply"] + planArguments(box) + ["--state-dir", box.state])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: apply cancelled: not confirmed (use --auto-approve when no terminal is attached)"),
                "stderr: \(run.stderr)")
        // It was refused before anything was read: it could never have been confirmed.
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(try box.snapshot() == before)
        #expect(!FileManager.default.fileExists(atPath: box.state), "the refused apply created its state directory")
    }

    @Test func savedPlanAppliesOnceThenIsRefused() throws {
        let box = try ApplierSandbox()
        let planFile = box.directory + "/plan.json"
        let plan = try CLIChild.run(["plan"] + planArguments(box) + ["--out", planFile, "--state-dir", box.state])
        try #require(plan.status == 0, "plan failed: \(plan.stderr)")
        let before = try box.snapshot()

        let first = try CLIChild.run(["apply", planFile, "--state-dir", box.state])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdout.contains("Apply complete"))
        let id = try Journal.open(stateDirectory: box.state, id: nil).manifest.id
        #expect(first.stdout.contains("Journal: \(id)"))
        let applied = try box.snapshot()
        #expect(applied != before, "the saved plan wrote no file")

        let second = try CLIChild.run(["apply", planFile, "--state-dir", box.state])
        #expect(second.status == 1)
        #expect(second.stderr.contains("error: saved plan was already applied (apply \(id)); plan again"), "stderr: \(second.stderr)")
        #expect(try box.snapshot() == applied)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.state + "/journal") == [id])
    }

    @Test func planFileOfAnUnknownFormatIsRefused() throws {
        let box = try ApplierSandbox()
        let planFile = box.directory + "/plan.json"
        let plan = try CLIChild.run(["plan"] + planArguments(box) + ["--out", planFile])
        try #require(plan.status == 0, "plan failed: \(plan.stderr)")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planFile))) as? [String: Any])
        let known = try #require(json["formatVersion"] as? Int)
        json["formatVersion"] = known + 98
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: planFile))
        let before = try box.snapshot()

        let run = try CLIChild.run(["apply", planFile, "--state-dir", box.state])
        #expect(run.status == 1)
        #expect(run.stderr.contains("was written by hvharden \(HVHardenVersion.current) in plan format \(known + 98); "
            + "this is hvharden \(HVHardenVersion.current), which reads plan format \(known)"),
                "stderr: \(run.stderr)")
        #expect(try box.snapshot() == before)
        #expect(!FileManager.default.fileExists(atPath: box.state + "/journal"), "a refused plan created a journal")
    }
}
