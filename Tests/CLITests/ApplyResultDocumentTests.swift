import Foundation
import Testing
@testable import Applier
@testable import HVHardenCLI
import Planner
import TestSupport
import LiveTestSupport

/// `apply --format json` and `rollback --format json`: one document per run, success or not,
/// saying what happened to every object.
@Suite struct ApplyResultDocumentTests {
    static func document(_ run: CLIChild.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "not JSON: \(run.stdout)")
    }

    @Test func applyAndRollbackReportEveryObject() throws {
        let box = try ApplierSandbox()
        let planFile = box.directory + "/plan.json"
        let plan = try CLIChild.run(["plan", "--profile", ApplierSandbox.baseline, "--connect", box.uri, "--root", box.root,
                                     "--out", planFile, "--state-dir", box.state])
        try #require(plan.status == 0, "\(plan.stderr)")
        let saved = try PlanFile.decode(Data(contentsOf: URL(fileURLWithPath: planFile)), name: planFile)
        let objects = Set(saved.changes.compactMap(\.address.ref).map(\.description))

        let apply = try CLIChild.run(["apply", planFile, "--state-dir", box.state, "--format", "json"])
        #expect(apply.status == 0, "\(apply.stderr)")
        let applied = try Self.document(apply)
        let id = try Journal.open(stateDirectory: box.state, id: nil).manifest.id
        #expect(applied["status"] as? String == "applied")
        #expect(applied["journal"] as? String == id)
        #expect(applied["verified"] as? Bool == true)
        let listed = try #require(applied["objects"] as? [[String: Any]])
        #expect(Set(listed.compactMap { $0["object"] as? String }) == objects)
        #expect(listed.allSatisfy { $0["result"] as? String == "done" })

        // Refused: a document too, every object skipped, the reason given.
        let again = try CLIChild.run(["apply", planFile, "--state-dir", box.state, "--format", "json"])
        #expect(again.status == 1)
        let refused = try Self.document(again)
        #expect(refused["status"] as? String == "failed")
        #expect((refused["error"] as? String)?.contains("already applied") == true)
        #expect((refused["objects"] as? [[String: Any]])?.allSatisfy { $0["result"] as? String == "skipped" } == true)

        let back = try CLIChild.run(["rollback", "--state-dir", box.state, "--format", "json"])
        #expect(back.status == 0, "\(back.stderr)")
        let rolled = try Self.document(back)
        #expect(rolled["status"] as? String == "rolled-back")
        #expect(rolled["rolledBack"] as? String == id)
        #expect(Set((rolled["objects"] as? [[String: Any]] ?? []).compactMap { $0["object"] as? String }).isSubset(of: objects))

        let none = try CLIChild.run(["rollback", "--state-dir", box.directory + "/empty-state", "--format", "json"])
        #expect(none.status == 1)
        #expect(try Self.document(none)["status"] as? String == "failed")
        #expect(!FileManager.default.fileExists(atPath: box.directory + "/empty-state"), "a rollback with nothing to roll back made a state directory")
    }

    /// One object refused, the others written: each says so.
    @Test func aPartialFailureNamesWhatFailedAndWhatIsDone() throws {
        let a = DomainResource.ref("a"), b = DomainResource.ref("b")
        let change = { (ref: ObjectRef) in
            Change(address: Address(ref: ref, path: "/domain/@type"), action: .update, before: "qemu", after: "kvm", rule: "domain-type-kvm",
                   severity: .high, effect: .nextDomainBoot, edit: AnyEdit(DomainEdit.setAttribute(path: "/domain", attribute: "type", value: "kvm")))
        }
        let plan = RenderFixtures.plan(changes: [change(a), change(b)])
        let error = ApplyError.writeFailed(failed: [(object: b.description, reason: "target port '0' already allocated")],
                                           done: [a.description], notConverged: [])
        let document = ApplyResultDocument(plan: plan, error: error, journal: "j1")
        let results = Dictionary(uniqueKeysWithValues: document.objects.map { ($0.name, ($0.result, $0.error)) })
        #expect(results["a"]?.0 == .done)
        #expect(results["b"]?.0 == .failed && results["b"]?.1 == "target port '0' already allocated")
        #expect(document.journal == "j1" && document.status == .failed && document.verified == true)
    }
}
