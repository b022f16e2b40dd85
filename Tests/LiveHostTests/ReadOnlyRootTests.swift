import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// A read-only /etc during the save: a clear error naming every file, nothing changed, no
/// temporary file left, no domain touched, and a journal that rollback accepts.
@Suite struct ReadOnlyRootTests {
    /// Every name under `directory`, hidden ones included: a leftover temporary file shows here.
    static func entries(_ directory: String) -> Set<String> {
        Set(FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
    }

    @Test func readOnlyEtcIsAClearErrorAndWritesNothing() throws {
        let box = try ApplierSandbox()
        let etc = try FaultTmpfs(at: box.root + "/etc", kilobytes: 1024)
        defer { etc.unmount() }
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let files = Array(Set(plan.changes.compactMap(\.address.file))).sorted()
        try #require(!files.isEmpty, "the lab plan should change files")
        let domains = try box.connection.listAllDomains().map(\.name)
        let xmlBefore = try Dictionary(uniqueKeysWithValues: domains.map { ($0, try box.domainXML($0)) })
        try etc.remountReadOnly()
        let before = try box.snapshot()
        let names = Self.entries(etc.path)

        let error = try #require(throws: ApplyError.self) {
            try box.applier(plan, policy).apply(stores: box.session.stores, reader: box.session.reader)
        }
        let text = "\(error)"
        for file in files { #expect(text.contains("cannot write file \(file): "), "the error does not name \(file): \(text)") }
        #expect(text.contains("Read-only file system"), "\(text)")

        #expect(try box.snapshot() == before, "a file changed on a read-only file system")
        #expect(Self.entries(etc.path) == names, "a file appeared or vanished")
        // Objects are independent: the domains (on libvirt, not on /etc) were still written.
        let planned = Set(plan.changes.compactMap(\.address.domain))
        for name in domains where planned.contains(name) {
            #expect(try box.domainXML(name) != xmlBefore[name], "domain '\(name)' was not written although only the files failed")
        }
        let journal = try Journal.open(stateDirectory: box.state, id: nil)
        #expect(journal.manifest.status == .failed)
        let rollback = try box.rollback(id: nil)
        #expect(rollback.filesRestored.isEmpty && Set(rollback.domainsRestored) == planned)
        for name in domains { #expect(try box.domainXML(name) == xmlBefore[name], "domain '\(name)' not rolled back") }
    }
}
