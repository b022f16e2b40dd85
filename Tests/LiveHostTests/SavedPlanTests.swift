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

/// A saved plan is refused when what it was computed from changed, and applied at most once.
@Suite struct SavedPlanTests {
    @Test func refusedWhenAFileChanged() throws {
        let box = try ApplierSandbox()
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let qemuConf = box.root + "/etc/libvirt/qemu.conf"
        let handle = try #require(FileHandle(forWritingAtPath: qemuConf))
        handle.seekToEndOfFile()
        handle.write(Data("# edited by someone else\n".utf8))
        handle.closeFile()
        let before = try box.snapshot()
        #expect {
            try box.applier(plan, policy, saved: true).apply(stores: box.session.stores, reader: box.session.reader)
        } throws: { error in
            "\(error)".contains("saved plan is stale") && "\(error)".contains("/etc/libvirt/qemu.conf")
        }
        #expect(try box.snapshot() == before)
    }

    @Test func refusedWhenADomainWasRedefined() throws {
        let box = try ApplierSandbox()
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let xml = try box.domainXML("web01").replacingOccurrences(of: "<on_poweroff>", with: "<description>changed</description><on_poweroff>")
        _ = try box.connection.define(xml: xml)
        #expect {
            try box.applier(plan, policy, saved: true).apply(stores: box.session.stores, reader: box.session.reader)
        } throws: { error in
            "\(error)" .contains("saved plan is stale: domain 'web01' changed since the plan was made")
        }
    }

    @Test func appliedAtMostOnce() throws {
        let box = try ApplierSandbox()
        let policy = try box.policy()
        let plan = try box.plan(policy)
        _ = try box.applier(plan, policy, saved: true).apply(stores: box.session.stores, reader: box.session.reader)
        #expect {
            try box.applier(plan, policy, saved: true).apply(stores: box.session.stores, reader: box.session.reader)
        } throws: { error in
            "\(error)".contains("already applied")
        }
    }

    @Test func rollbackRefusesObjectsChangedSinceTheApply() throws {
        let box = try ApplierSandbox()
        let policy = try box.policy()
        _ = try box.applier(try box.plan(policy), policy).apply(stores: box.session.stores, reader: box.session.reader)
        let xml = try box.domainXML("web01").replacingOccurrences(of: "<on_poweroff>", with: "<description>later</description><on_poweroff>")
        _ = try box.connection.define(xml: xml)
        #expect {
            try box.rollback()
        } throws: { error in
            "\(error)".contains("domain 'web01'") && "\(error)".contains("--force")
        }
        _ = try box.rollback(force: true)
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        components(separatedBy: a).joined(separator: b)
    }
}
