import Foundation
import Testing
@testable import Applier
import TestSupport
import LiveTestSupport

/// `hvharden journal list|show|prune`: what apply and rollback kept, and removing old journals
/// without losing one an unfinished apply may still need.
@Suite struct JournalCommandTests {
    @Test func listShowAndPruneKeepWhatRollbackMayNeed() throws {
        let box = try ApplierSandbox()
        let apply = ["apply", "--profile", ApplierSandbox.baseline, "--connect", box.uri, "--root", box.root,
                     "--state-dir", box.state, "--auto-approve"]
        #expect(try CLIChild.run(apply).status == 0)
        #expect(try CLIChild.run(["rollback", "--state-dir", box.state]).status == 0)
        #expect(try CLIChild.run(apply).status == 0)
        // An apply killed before it finished: its journal must survive pruning.
        let killed = try Journal.create(stateDirectory: box.state, kind: .apply, connectURI: box.uri, root: box.root, planDigest: nil)
        let ids = try JournalPruning.list(stateDirectory: box.state).map(\.id)
        #expect(ids.count == 4 && ids.last == killed.manifest.id)

        let list = try CLIChild.run(["journal", "list", "--state-dir", box.state])
        #expect(list.status == 0)
        #expect(ids.allSatisfy { list.stdout.contains($0) })
        #expect(list.stdout.contains("rollback  verified"))
        let json = try CLIChild.run(["journal", "list", "--state-dir", box.state, "--format", "json"])
        let manifests = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(manifests.compactMap { $0["id"] as? String } == ids)
        let show = try CLIChild.run(["journal", "show", ids[0], "--state-dir", box.state])
        #expect(show.status == 0 && show.stdout.contains("/etc/libvirt/qemu.conf: written"), "\(show.stdout)")
        #expect(try CLIChild.run(["journal", "show", "nope", "--state-dir", box.state]).status == 1)

        let prune = try CLIChild.run(["journal", "prune", "--keep", "1", "--state-dir", box.state])
        #expect(prune.status == 0, "\(prune.stderr)")
        let left = try JournalPruning.list(stateDirectory: box.state).map(\.id)
        // Kept: the newest (the killed apply); removed: the verified apply, the rollback, the second apply.
        #expect(left == [killed.manifest.id], "\(prune.stdout)")
        #expect(prune.stdout.contains("3 removed"))

        // The killed one is kept even when older than the newest N.
        #expect(try CLIChild.run(apply).status == 0)
        let again = try CLIChild.run(["journal", "prune", "--keep", "1", "--state-dir", box.state])
        #expect(again.stdout.contains("kept \(killed.manifest.id)"), "\(again.stdout)")
        #expect(try JournalPruning.list(stateDirectory: box.state).count == 2)
    }
}
