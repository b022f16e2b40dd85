import Compiler
import Foundation
import Host
@testable import Planner
import Testing
@testable import Applier
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// apply → converged → second apply writes nothing → rollback restores byte-identical, on the
/// libvirt test driver (the lab) and an Augeas sandbox root.
@Suite struct ApplyTests {
    @Test func applyConvergesIsIdempotentAndRollsBack() throws {
        let box = try ApplierSandbox()
        let policy = try box.policy()
        let filesBefore = try box.snapshot()
        let names = try box.connection.listAllDomains().map(\.name).sorted()
        let xmlBefore = try Dictionary(uniqueKeysWithValues: names.map { ($0, try box.domainXML($0)) })

        let plan = try box.plan(policy)
        #expect(plan.changes.contains { $0.address.isDomain })
        #expect(plan.changes.contains { $0.address.isFile })

        let result = try box.applier(plan, policy).apply(stores: box.session.stores, reader: box.session.reader)
        #expect(result.applyID != nil)
        #expect(!result.domainsDefined.isEmpty)
        #expect(!result.filesWritten.isEmpty)

        let again = try box.plan(policy)
        #expect(again.changes.isEmpty, "after apply the plan still changes: \(again.changes.map { "\($0.address) \($0.rule)" })")

        // A second apply makes no define call and writes no file.
        let filesAfter = try box.snapshot()
        let second = try box.applier(again, policy).apply(stores: box.session.stores, reader: box.session.reader)
        #expect(second.applyID == nil)
        #expect(second.domainsDefined.isEmpty && second.filesWritten.isEmpty)
        #expect(try box.snapshot() == filesAfter)

        // Rollback restores every file and every domain definition byte-identical.
        let rollback = try box.rollback(id: nil)
        #expect(rollback.applyID == result.applyID)
        let filesRolledBack = try box.snapshot()
        #expect(filesRolledBack.mapValues(\.bytes) == filesBefore.mapValues(\.bytes))
        #expect(filesRolledBack.mapValues(\.mode) == filesBefore.mapValues(\.mode))
        for name in names {
            #expect(try box.domainXML(name) == xmlBefore[name], "domain '\(name)' differs after rollback")
        }
    }

    @Test func journalHoldsBackupsWithPrivateModes() throws {
        let box = try ApplierSandbox()
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let result = try box.applier(plan, policy).apply(stores: box.session.stores, reader: box.session.reader)
        let journal = try Journal.open(stateDirectory: box.state, id: result.applyID)
        #expect(journal.manifest.status == .verified)
        #expect(!journal.manifest.domains.isEmpty)
        var st = stat()
        #expect(stat(journal.directory, &st) == 0 && st.st_mode & 0o777 == 0o700)
        for domain in journal.manifest.domains {
            #expect(stat(journal.directory + "/" + (domain.backup ?? ""), &st) == 0 && st.st_mode & 0o777 == 0o600)
        }
        // The journal keeps the secret (needed to restore) but the plan never does.
        let secrets = try journal.manifest.domains.map { String(decoding: try journal.backupData($0.backup ?? ""), as: UTF8.self) }
        #expect(secrets.contains { $0.contains("passwd=") })
        let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        #expect(!json.contains("hunter2"))
    }
}
