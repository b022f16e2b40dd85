import Compiler
import Foundation
import Testing
@testable import Planner
@testable import Applier
@testable import LiveHost
import LiveTestSupport
import TestSupport

/// virtlogd.conf as a managed file: read through libvirt's Virtlogd lens in a sandbox root that
/// holds this machine's shipped file (read, never written), planned, applied, journaled and
/// rolled back; a change names a reload of virtlogd, never a restart.
@Suite struct VirtlogdConfTests {
    static let path = "/etc/libvirt/virtlogd.conf"
    static let rule = "virtlogd-log-rollover-bounded"

    /// The file libvirt-daemon-system ships, which the CI machine installs.
    static func shipped() throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    static func write(_ text: String, in box: ApplierSandbox) throws {
        try FileManager.default.createDirectory(atPath: box.root + "/etc/libvirt", withIntermediateDirectories: true)
        try text.write(toFile: box.root + path, atomically: false, encoding: .utf8)
    }

    static func text(in box: ApplierSandbox) -> String? {
        try? String(contentsOfFile: box.root + path, encoding: .utf8)
    }

    @Test func theShippedFileIsCompliantAndAbsentMeansTheDefault() throws {
        let shippedBox = try ApplierSandbox()
        try Self.write(try Self.shipped(), in: shippedBox)
        let plan = try shippedBox.plan(try shippedBox.policy())
        #expect(!plan.findings.contains { $0.address.file == Self.path }, "\(plan.findings.filter { $0.address.file == Self.path })")
        #expect(!plan.changes.contains { $0.rule == Self.rule })

        let absent = try ApplierSandbox()
        let bare = try absent.plan(try absent.policy())
        #expect(!bare.changes.contains { $0.rule == Self.rule } && !bare.findings.contains { $0.rule == Self.rule })
    }

    @Test func rolloverOffIsFixedJournaledAndRolledBack() throws {
        let box = try ApplierSandbox()
        let original = try Self.shipped() + "max_size = 0\nmax_backups = 3\n"
        try Self.write(original, in: box)
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let change = try #require(plan.changes.first { $0.rule == Self.rule })
        #expect(change.address == .file(Self.path, key: "max_size"))
        #expect(change.before == "0" && change.after == "16777216")

        let result = try box.apply(box.applier(plan, policy))
        let applied = try #require(Self.text(in: box))
        #expect(applied.contains("\nmax_size = 16777216\nmax_backups = 3\n"), "\(applied.suffix(200))")
        #expect(applied.hasPrefix(try Self.shipped()), "the comments and the rest of the file are kept")
        #expect(!result.effects.daemonsToRestart.contains("virtlogd"), "\(result.effects.daemonsToRestart)")
        #expect(result.effects.notes.contains { $0.contains("systemctl reload virtlogd") }, "\(result.effects.notes)")
        #expect(!(try box.plan(policy)).changes.contains { $0.rule == Self.rule })

        _ = try box.rollback(id: result.applyID)
        #expect(Self.text(in: box) == original)
        #expect(try box.plan(policy).changes.contains { $0.rule == Self.rule })
    }

    @Test func aKeyTheLensRejectsIsAFindingAndTheFileIsNotEdited() throws {
        let box = try ApplierSandbox()
        let original = "max_size = 0\nno_such_virtlogd_key = 1\n"
        try Self.write(original, in: box)
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let parse = try #require(plan.findings.first { $0.rule == PlannerRules.hostFileParses && $0.address.file == Self.path })
        #expect(parse.message.contains("virtlogd.conf"), "\(parse.message)")
        #expect(plan.findings.contains { $0.rule == Self.rule && $0.address.file == Self.path })
        #expect(!plan.changes.contains { $0.address.file == Self.path })
        _ = try box.apply(box.applier(plan, policy))
        #expect(Self.text(in: box) == original)
    }
}
