import Foundation
import Host
import Testing
@testable import Applier
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// The journal after crashes and quick successions: `rollback` without an id must find the
/// latest apply, whatever a killed apply left and however fast applies follow each other.
@Suite struct FaultJournalTests {
    /// Applies run back to back (scripts, CI) often start within one second.
    @Test func latestApplyIsFoundWithinOneSecond() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("hvharden-journal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        try StateDirectory.ensure(state)
        var created: [String] = []
        for _ in 0..<20 {
            let journal = try Journal.create(stateDirectory: state, kind: .apply, connectURI: "test:///default", root: "/", planDigest: nil)
            created.append(journal.manifest.id)
            #expect(try Journal.open(stateDirectory: state, id: nil).manifest.id == journal.manifest.id,
                    "after \(created.count) applies, 'rollback' would undo another one")
        }
        #expect(created == created.sorted(), "journal ids do not sort by creation: \(created)")
    }

    /// An apply killed between creating its journal directory and saving the first manifest
    /// wrote nothing; it must not stop rolling back the apply before it.
    @Test func journalWithoutManifestDoesNotBlockRollback() throws {
        let box = try ApplierSandbox()
        let policy = try box.policy()
        let before = try box.snapshot()
        let names = try box.connection.listAllDomains().map(\.name)
        let xmlBefore = try Dictionary(uniqueKeysWithValues: names.map { ($0, try box.domainXML($0)) })
        let result = try box.applier(try box.plan(policy), policy).apply(stores: box.session.stores, reader: box.session.reader)

        let killed = try Journal.create(stateDirectory: box.state, kind: .apply, connectURI: box.uri, root: box.root, planDigest: nil)
        try FileManager.default.removeItem(atPath: killed.directory + "/manifest.json")

        let rollback = try box.rollback(id: nil)
        #expect(rollback.applyID == result.applyID)
        #expect(try box.snapshot().mapValues(\.bytes) == before.mapValues(\.bytes))
        for name in names { #expect(try box.domainXML(name) == xmlBefore[name], "domain '\(name)' not restored") }
    }
}
