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

    /// The lab planned with the baseline and saved in the sandbox, keyed with its state directory.
    func savedPlan(_ box: ApplierSandbox) throws -> String {
        let planFile = box.directory + "/plan.json"
        let plan = try CLIChild.run(["plan"] + planArguments(box) + ["--out", planFile, "--state-dir", box.state])
        try #require(plan.status == 0, "plan failed: \(plan.stderr)")
        return planFile
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
        let planFile = try savedPlan(box)
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

    /// A rollback puts the host back on the plan's basis: the same saved plan applies again,
    /// once more.
    @Test func savedPlanAppliesAgainAfterItsApplyIsRolledBack() throws {
        let box = try ApplierSandbox()
        let planFile = try savedPlan(box)
        let before = try box.snapshot()
        let first = try CLIChild.run(["apply", planFile, "--state-dir", box.state])
        try #require(first.status == 0, "stderr: \(first.stderr)")
        let applied = try box.snapshot()
        let back = try CLIChild.run(["rollback", "--state-dir", box.state])
        try #require(back.status == 0, "stderr: \(back.stderr)")
        #expect(try box.snapshot().mapValues(\.bytes) == before.mapValues(\.bytes))

        let again = try CLIChild.run(["apply", planFile, "--state-dir", box.state])
        #expect(again.status == 0, "the plan was refused after its rollback: \(again.stderr)")
        #expect(try box.snapshot().mapValues(\.bytes) == applied.mapValues(\.bytes))
        let id = try Journal.open(stateDirectory: box.state, id: nil).manifest.id
        let third = try CLIChild.run(["apply", planFile, "--state-dir", box.state])
        #expect(third.status == 1)
        #expect(third.stderr.contains("saved plan was already applied (apply \(id))"), "stderr: \(third.stderr)")
    }

    /// A saved plan whose edits were changed after it was written: a value, a key, an edit
    /// dropped. Its own policy, planned again on the unchanged host, does not give them.
    @Test(arguments: ["value", "key", "dropped"])
    func anEditedSavedPlanIsRefusedAndWritesNothing(how: String) throws {
        let box = try ApplierSandbox()
        let planFile = try savedPlan(box)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planFile))) as? [String: Any])
        var changes = try #require(json["changes"] as? [[String: Any]])
        let index = try #require(changes.firstIndex { (($0["edit"] as? [String: Any])?["kind"] as? String) == "file" })
        var edit = try #require(changes[index]["edit"] as? [String: Any])
        var set = try #require((edit["edit"] as? [String: Any])?["set"] as? [String: Any])
        switch how {
        case "value": set["value"] = "0"
        case "key": set["key"] = "user"; set["value"] = "root"
        default: changes.remove(at: index)
        }
        if how != "dropped" {
            edit["edit"] = ["set": set]
            changes[index]["edit"] = edit
        }
        json["changes"] = changes
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: planFile))
        let before = try box.snapshot()

        let run = try CLIChild.run(["apply", planFile, "--state-dir", box.state])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: saved plan's edits differ from what its own policy gives for this host"), "stderr: \(run.stderr)")
        #expect(try box.snapshot() == before)
        #expect(!FileManager.default.fileExists(atPath: box.state + "/journal"), "a refused plan created a journal")
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
