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

/// A libvirt connection lost in the middle of an apply: the error names the object that failed,
/// what was done and what was not, and the journal still rolls everything back.
@Suite struct FaultLostConnectionTests {
    /// What libvirt says once the daemon is gone (`VIR_ERR_INTERNAL_ERROR`, "client socket is closed").
    struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "internal error: client socket is closed" }
    }

    /// The lab's domains until the connection drops, then every call fails as on a dead connection.
    final class DroppingStore: ObjectStore {
        enum Moment {
            /// The nth define never reaches libvirt.
            case atDefine(Int)
            /// The nth define goes through, then the connection drops before it is read back.
            case afterDefine(Int)
        }

        let inner: any ObjectStore
        let moment: Moment
        private var defines = 0
        private var lost = false

        init(_ inner: any ObjectStore, losing moment: Moment) {
            self.inner = inner
            self.moment = moment
        }

        var kind: ResourceKind { inner.kind }

        func fingerprint(_ name: String) throws -> Fingerprint {
            if lost { throw ConnectionLost() }
            return try inner.fingerprint(name)
        }

        func snapshot(_ name: String) throws -> ObjectSnapshot {
            if lost { throw ConnectionLost() }
            return try inner.snapshot(name)
        }

        func write(_ name: String, edits: [AnyEdit]) throws -> Fingerprint {
            if lost { throw ConnectionLost() }
            defines += 1
            if case .atDefine(let n) = moment, defines == n { lost = true; throw ConnectionLost() }
            let after = try inner.write(name, edits: edits)
            if case .afterDefine(let n) = moment, defines == n { lost = true; throw ConnectionLost() }
            return after
        }

        func restore(_ name: String, from snapshot: ObjectSnapshot) throws -> Fingerprint {
            if lost { throw ConnectionLost() }
            return try inner.restore(name, from: snapshot)
        }
    }

    /// The lab's plan, its domains and files in the order the writer takes them, and the host before.
    struct Lab {
        var box: ApplierSandbox
        var plan: Plan
        var policy: Policy
        var domains: [String]
        var files: [String]
        /// The host paths whose mode the plan changes (written after the files).
        var paths: [String]
        var xmlBefore: [String: String]
        var filesBefore: [String: FileStamp]

        init() throws {
            box = try ApplierSandbox()
            policy = try box.policy()
            plan = try box.plan(policy)
            domains = Array(Set(plan.changes.compactMap { $0.address.isDomain ? $0.address.domain : nil })).sorted()
            files = Array(Set(plan.changes.compactMap(\.address.file))).sorted()
            paths = Array(Set(plan.changes.compactMap { $0.address.name(of: HostPathResource.self) })).sorted()
            try #require(domains.count >= 3 && !files.isEmpty, "the lab plan should change files and at least three domains")
            let box = box
            xmlBefore = try Dictionary(uniqueKeysWithValues: domains.map { ($0, try box.domainXML($0)) })
            filesBefore = try box.snapshot()
        }

        func apply(losing moment: DroppingStore.Moment) throws -> ApplyError {
            let session = box.session
            let stores = ObjectStores([
                DroppingStore(LibvirtDomainStore(connection: box.connection, key: TestKey.key), losing: moment),
                ConfigFileStore(root: box.root, key: TestKey.key),
                HostPathStore(root: box.root, key: TestKey.key),
            ])
            return try #require(throws: ApplyError.self) {
                try box.applier(plan, policy).apply(stores: stores, reader: session.reader)
            }
        }

        /// The journal is marked failed and, once the connection is back, rolls everything back.
        func rollBack() throws {
            let journal = try Journal.open(stateDirectory: box.state, id: nil)
            #expect(journal.manifest.status == .failed)
            _ = try box.rollback(id: journal.manifest.id)
            for name in domains { #expect(try box.domainXML(name) == xmlBefore[name], "domain '\(name)' not restored") }
            #expect(try box.snapshot().mapValues(\.bytes) == filesBefore.mapValues(\.bytes))
        }
    }

    /// Objects are independent: the files (another store) are still written after the
    /// connection is lost, and every domain after the loss fails with libvirt's reason.
    @Test func lostAtTheSecondDefineNamesWhatWasDoneAndWhatWasNot() throws {
        let lab = try Lab()
        let (domains, files) = (lab.domains, lab.files)
        let error = try lab.apply(losing: .atDefine(2))
        guard case .writeFailed(let failed, let done, _) = error else {
            Issue.record("expected a write failure, got: \(error)")
            return
        }
        let doneNames = ["domain '\(domains[0])'"] + files.map { "file \($0)" } + lab.paths.map { "path \($0)" }
        let notDoneNames = domains.dropFirst().map { "domain '\($0)'" }
        #expect(failed.map(\.object) == notDoneNames)
        #expect(failed.allSatisfy { $0.reason.contains("client socket is closed") })
        #expect(done == doneNames)
        // The message a user reads lists both sides by name.
        let text = "\(error)"
        #expect(text.contains("cannot write domain '\(domains[1])': internal error: client socket is closed"), "\(text)")
        #expect(text.contains("\n  done: " + doneNames.joined(separator: ", ") + "\n"), "\(text)")
        #expect(text.contains("\n  not done: " + notDoneNames.joined(separator: ", ")), "\(text)")

        // What the message says is what happened: the first domain is new, the others untouched.
        #expect(try lab.box.domainXML(domains[0]) != lab.xmlBefore[domains[0]])
        for name in domains.dropFirst() { #expect(try lab.box.domainXML(name) == lab.xmlBefore[name], "domain '\(name)' changed") }
        try lab.rollBack()
    }

    /// The define went through and only reading it back failed: the error says that it may
    /// have been written, and the journal (which holds its old definition) rolls it back.
    @Test func lostRightAfterADefineSaysItMayHaveBeenWritten() throws {
        let lab = try Lab()
        let (domains, files) = (lab.domains, lab.files)
        let error = try lab.apply(losing: .afterDefine(1))
        guard case .writeFailed(let failed, let done, _) = error else {
            Issue.record("expected a write failure, got: \(error)")
            return
        }
        #expect(failed.first?.object == "domain '\(domains[0])'")
        #expect(failed.first?.reason.contains("could not be read back") == true, "\(failed)")
        #expect(failed.map(\.object) == domains.map { "domain '\($0)'" })
        #expect(done == files.map { "file \($0)" } + lab.paths.map { "path \($0)" })
        #expect(try lab.box.domainXML(domains[0]) != lab.xmlBefore[domains[0]])
        try lab.rollBack()
    }
}
