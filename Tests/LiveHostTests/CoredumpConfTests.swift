import Compiler
import Foundation
import Testing
@testable import Planner
@testable import Applier
@testable import LiveHost
import LiveTestSupport
import TestSupport

/// systemd-coredump's settings as it resolves them (main file, then coredump.conf.d drop-ins of
/// /etc, /run, /usr/local/lib, /usr/lib and /lib in name order, the last assignment winning),
/// planned, applied and rolled back in a sandbox root.
@Suite struct CoredumpConfTests {
    static let storage = "coredump-storage-none"

    static func write(_ text: String, _ path: String, in box: ApplierSandbox) throws {
        try FileManager.default.createDirectory(atPath: box.root + (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: box.root + path, atomically: false, encoding: .utf8)
    }

    static func text(_ path: String, in box: ApplierSandbox) -> String? {
        try? String(contentsOfFile: box.root + path, encoding: .utf8)
    }

    @Test func withNoFileTheDefaultIsJudgedAndHvhardensDropInIsCreatedThenRolledBack() throws {
        let box = try ApplierSandbox()
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let change = try #require(plan.changes.first { $0.rule == Self.storage })
        let own = "/etc/systemd/coredump.conf.d/90-hvharden.conf"
        #expect(change.address == .file(own, key: "Coredump/Storage"))
        #expect(change.before?.contains("default 'external'") == true, "\(change.before ?? "nil")")
        #expect(change.after == "none")

        let result = try box.apply(box.applier(plan, policy))
        let written = try #require(Self.text(own, in: box))
        #expect(written.contains("[Coredump]") && written.contains("Storage=none") && written.contains("ProcessSizeMax=0"), "\(written)")
        #expect(!(try box.plan(policy)).changes.contains { $0.rule.hasPrefix("coredump-") })

        _ = try box.rollback(id: result.applyID)
        #expect(Self.text(own, in: box) == nil, "rollback left hvharden's drop-in")
    }

    @Test func theMainFileIsEditedWhereItDecides() throws {
        let box = try ApplierSandbox()
        let original = "# site settings\n[Coredump]\nStorage=external\nCompress=yes\n"
        try Self.write(original, "/etc/systemd/coredump.conf", in: box)
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let change = try #require(plan.changes.first { $0.rule == Self.storage })
        #expect(change.address == .file("/etc/systemd/coredump.conf", key: "Coredump/Storage"))
        let result = try box.apply(box.applier(plan, policy))
        let edited = try #require(Self.text("/etc/systemd/coredump.conf", in: box))
        #expect(edited.hasPrefix("# site settings\n[Coredump]\nStorage=none\nCompress=yes\n"), "\(edited)")
        _ = try box.rollback(id: result.applyID)
        #expect(Self.text("/etc/systemd/coredump.conf", in: box) == original)
    }

    @Test func aDropInOverridesTheMainFileAndAnEmptyAssignmentRestoresTheDefault() throws {
        let box = try ApplierSandbox()
        try Self.write("[Coredump]\nStorage=none\n", "/etc/systemd/coredump.conf", in: box)
        try Self.write("[Coredump]\nStorage=external\n", "/usr/lib/systemd/coredump.conf.d/50-vendor.conf", in: box)
        let policy = try box.policy()
        // The vendor drop-in is read after the main file and sorts before hvharden's own file,
        // so the fix goes to the own drop-in, which is read last.
        let plan = try box.plan(policy)
        let change = try #require(plan.changes.first { $0.rule == Self.storage })
        #expect(change.address.file == "/etc/systemd/coredump.conf.d/90-hvharden.conf")
        #expect(change.before == "external", "\(change.before ?? "nil")")

        // An empty assignment read last puts the default back, whatever came before.
        try Self.write("[Coredump]\nStorage=none\n", "/etc/systemd/coredump.conf.d/10-site.conf", in: box)
        try Self.write("[Coredump]\nStorage=\n", "/etc/systemd/coredump.conf.d/95-reset.conf", in: box)
        let reset = try box.plan(policy)
        let again = try #require(reset.changes.first { $0.rule == Self.storage })
        #expect(again.address.file == "/etc/systemd/coredump.conf.d/95-reset.conf")
        #expect(again.before?.contains("default 'external'") == true, "\(again.before ?? "nil")")
    }

    @Test func aPackageDropInReadAfterHvhardensIsAFindingNotAChange() throws {
        let box = try ApplierSandbox()
        try Self.write("[Coredump]\nStorage=external\n", "/usr/lib/systemd/coredump.conf.d/99-vendor.conf", in: box)
        let plan = try box.plan(try box.policy())
        let finding = try #require(plan.findings.first { $0.rule == Self.storage })
        #expect(finding.message.contains("/usr/lib/systemd/coredump.conf.d/99-vendor.conf"), "\(finding.message)")
        #expect(!plan.changes.contains { $0.rule == Self.storage })
    }
}
