import Foundation
import Testing
@testable import Applier

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
            try box.applier(plan, policy).apply(connection: box.connection)
        }
        let text = "\(error)"
        #expect(text.hasPrefix("cannot write files "), "\(text)")
        for file in files { #expect(text.contains(file), "the error does not name \(file): \(text)") }
        #expect(text.contains("Read-only file system"), "\(text)")
        #expect(text.contains("done: nothing"), "\(text)")

        #expect(try box.snapshot() == before, "a file changed on a read-only file system")
        #expect(Self.entries(etc.path) == names, "a file appeared or vanished")
        for name in domains { #expect(try box.domainXML(name) == xmlBefore[name], "domain '\(name)' was defined after the files failed") }
        let journal = try Journal.open(stateDirectory: box.state, id: nil)
        #expect(journal.manifest.status == .failed)
        let rollback = try Rollback(stateDirectory: box.state).run(id: nil, store: LibvirtDomainStore(connection: box.connection))
        #expect(rollback.filesRestored.isEmpty && rollback.domainsRestored.isEmpty)
    }
}
