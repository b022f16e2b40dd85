import Compiler
import Foundation
import Host
import Planner
import Testing
@testable import Applier

/// A libvirt connection lost in the middle of an apply: the error names the object that failed,
/// what was done and what was not, and the journal still rolls everything back.
@Suite struct FaultLostConnectionTests {
    /// What libvirt says once the daemon is gone (`VIR_ERR_INTERNAL_ERROR`, "client socket is closed").
    struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "internal error: client socket is closed" }
    }

    /// The lab's domains until the connection drops, then every call fails as on a dead connection.
    final class DroppingStore: DomainStore {
        enum Moment {
            /// The nth define never reaches libvirt.
            case atDefine(Int)
            /// The nth define goes through, then the connection drops before it is read back.
            case afterDefine(Int)
        }

        let inner: DomainStore
        let moment: Moment
        private var defines = 0
        private var lost = false

        init(_ inner: DomainStore, losing moment: Moment) {
            self.inner = inner
            self.moment = moment
        }

        func persistentXML(name: String) throws -> (uuid: String, xml: String) {
            if lost { throw ConnectionLost() }
            return try inner.persistentXML(name: name)
        }

        func define(xml: String, validate: Bool) throws {
            if lost { throw ConnectionLost() }
            defines += 1
            if case .atDefine(let n) = moment, defines == n { lost = true; throw ConnectionLost() }
            try inner.define(xml: xml, validate: validate)
            if case .afterDefine(let n) = moment, defines == n { lost = true }
        }
    }

    /// The lab's plan, its domains and files in the order the writer takes them, and the host before.
    struct Lab {
        var box: ApplierSandbox
        var plan: Plan
        var policy: Policy
        var domains: [String]
        var files: [String]
        var xmlBefore: [String: String]
        var filesBefore: [String: FileStamp]

        init() throws {
            box = try ApplierSandbox()
            policy = try box.policy()
            plan = try box.plan(policy)
            domains = Array(Set(plan.changes.compactMap { $0.address.kind == .domain ? $0.address.domain : nil })).sorted()
            files = Array(Set(plan.changes.compactMap(\.address.file))).sorted()
            try #require(domains.count >= 3 && !files.isEmpty, "the lab plan should change files and at least three domains")
            let box = box
            xmlBefore = try Dictionary(uniqueKeysWithValues: domains.map { ($0, try box.domainXML($0)) })
            filesBefore = try box.snapshot()
        }

        func apply(losing moment: DroppingStore.Moment) throws -> ApplyError {
            let store = DroppingStore(LibvirtDomainStore(connection: box.connection), losing: moment)
            return try #require(throws: ApplyError.self) {
                try box.applier(plan, policy).apply(connection: box.connection, store: store)
            }
        }

        /// The journal is marked failed and, once the connection is back, rolls everything back.
        func rollBack() throws {
            let journal = try Journal.open(stateDirectory: box.state, id: nil)
            #expect(journal.manifest.status == .failed)
            _ = try Rollback(stateDirectory: box.state).run(id: journal.manifest.id, store: LibvirtDomainStore(connection: box.connection))
            for name in domains { #expect(try box.domainXML(name) == xmlBefore[name], "domain '\(name)' not restored") }
            #expect(try box.snapshot().mapValues(\.bytes) == filesBefore.mapValues(\.bytes))
        }
    }

    @Test func lostAtTheSecondDefineNamesWhatWasDoneAndWhatWasNot() throws {
        let lab = try Lab()
        let (domains, files) = (lab.domains, lab.files)
        let error = try lab.apply(losing: .atDefine(2))
        guard case .writeFailed(let object, let reason, let done, let notDone) = error else {
            Issue.record("expected a write failure, got: \(error)")
            return
        }
        let doneNames = files.map { "file \($0)" } + ["domain '\(domains[0])'"]
        let notDoneNames = domains.dropFirst().map { "domain '\($0)'" }
        #expect(object == "domain '\(domains[1])'")
        #expect(reason.contains("client socket is closed"))
        #expect(done == doneNames)
        #expect(notDone == notDoneNames)
        // The message a user reads lists both sides by name.
        let text = "\(error)"
        #expect(text.contains("cannot write domain '\(domains[1])': internal error: client socket is closed"), "\(text)")
        #expect(text.contains("\n  done: " + doneNames.joined(separator: ", ") + "\n"), "\(text)")
        #expect(text.hasSuffix("\n  not done: " + notDoneNames.joined(separator: ", ")), "\(text)")

        // What the message says is what happened: the first domain is new, the others untouched.
        #expect(try lab.box.domainXML(domains[0]) != lab.xmlBefore[domains[0]])
        for name in domains.dropFirst() { #expect(try lab.box.domainXML(name) == lab.xmlBefore[name], "domain '\(name)' changed") }
        try lab.rollBack()
    }

    /// The define went through and only reading it back failed: the domain counts as done.
    @Test func lostRightAfterADefineCountsThatDomainAsDone() throws {
        let lab = try Lab()
        let (domains, files) = (lab.domains, lab.files)
        let error = try lab.apply(losing: .afterDefine(1))
        guard case .writeFailed(let object, _, let done, let notDone) = error else {
            Issue.record("expected a write failure, got: \(error)")
            return
        }
        #expect(object == "domain '\(domains[0])' (defined, but not read back)")
        #expect(done == files.map { "file \($0)" } + ["domain '\(domains[0])'"])
        #expect(notDone == domains.dropFirst().map { "domain '\($0)'" })
        #expect(try lab.box.domainXML(domains[0]) != lab.xmlBefore[domains[0]])
        try lab.rollBack()
    }
}
