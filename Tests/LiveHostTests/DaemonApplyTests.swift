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

/// End to end on the real libvirtd with the QEMU driver and an Augeas temp root.
@Suite(.serialized, .tags(.daemon), .enabled(if: DaemonTests.wanted, DaemonTests.skipped)) struct DaemonApplyTests {
    @Test func applyIsIdempotentAndRollbackIsByteIdentical() throws {
        let sandbox = try DaemonSandbox()
        let box = sandbox.box
        let web = try sandbox.define("web", vnc: true)
        let db = try sandbox.define("db")
        let running = try sandbox.define("run", start: true)
        let policy = try box.policy([try sandbox.profile()])
        let before = try Dictionary(uniqueKeysWithValues: sandbox.names.map { ($0, try box.domainXML($0)) })
        let filesBefore = try box.snapshot()

        let plan = try box.plan(policy)
        for name in [web, db, running] {
            #expect(plan.changes.contains { $0.address.domain == name }, "no change planned for '\(name)'")
        }
        #expect(!(try JSONEncoder().encode(plan)).contains(Array("e2eS3crt".utf8)))

        let result = try box.applier(plan, policy).apply(stores: box.session.stores, reader: box.session.reader)
        #expect(Set(result.domainsDefined) == Set([web, db, running]))

        // Planning again: nothing to change; the running domain waits for a cold boot.
        let again = try box.plan(policy)
        #expect(again.changes.isEmpty, "left: \(again.changes.map { "\($0.address) \($0.rule)" })")
        #expect(again.pendingRestart.map(\.domain) == [running])
        // The password survived the redefine (read with SECURE, written back).
        #expect(try box.domainXML(web).contains("passwd='e2eS3crt'"))

        // A second apply defines nothing and writes no file.
        let xmlAfter = try Dictionary(uniqueKeysWithValues: sandbox.names.map { ($0, try box.domainXML($0)) })
        let filesAfter = try box.snapshot()
        let second = try box.applier(again, policy).apply(stores: box.session.stores, reader: box.session.reader)
        #expect(second.applyID == nil && second.domainsDefined.isEmpty && second.filesWritten.isEmpty)
        #expect(try box.snapshot() == filesAfter)
        for name in sandbox.names { #expect(try box.domainXML(name) == xmlAfter[name]) }

        // Rollback: every definition and file byte-identical to before the apply.
        _ = try box.rollback(id: result.applyID)
        for name in sandbox.names { #expect(try box.domainXML(name) == before[name], "domain '\(name)' not restored") }
        #expect(try box.snapshot().mapValues(\.bytes) == filesBefore.mapValues(\.bytes))
    }

    @Test func savedPlanIsRefusedAfterSomeoneRedefinesTheDomain() throws {
        let sandbox = try DaemonSandbox()
        let box = sandbox.box
        let name = try sandbox.define("stale")
        let policy = try box.policy([try sandbox.profile()])
        let plan = try box.plan(policy)
        let xml = try box.domainXML(name).replacingOccurrences(of: "</domain>", with: "<description>edited</description></domain>")
        _ = try box.connection.define(xml: xml)
        #expect {
            try box.applier(plan, policy, saved: true).apply(stores: box.session.stores, reader: box.session.reader)
        } throws: { error in
            "\(error)".contains("saved plan is stale: domain '\(name)' changed since the plan was made")
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        components(separatedBy: a).joined(separator: b)
    }
}
