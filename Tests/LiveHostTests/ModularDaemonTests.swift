import Compiler
import Foundation
import Testing
@testable import Planner
@testable import Applier
@testable import LiveHost
import LiveTestSupport
import TestSupport

/// libvirtd.conf's rules on the daemons that serve: the modular daemons' files when their units
/// are enabled (a RHEL 9 / Debian 13 layout built in a sandbox root), libvirtd.conf with this
/// machine's own monolithic units (Debian 12's libvirt-daemon-system, copied into the sandbox).
@Suite struct ModularDaemonTests {
    static let weak = "audit_level = 1\nlisten_tcp = 1\nauth_tcp = \"none\"\n"

    /// Installs a socket unit for each of `daemons` under the sandbox's /lib/systemd/system and
    /// enables it as `systemctl enable` does (a link in sockets.target.wants).
    static func enableSockets(_ daemons: [String], in box: ApplierSandbox) throws {
        let vendor = box.root + "/lib/systemd/system"
        let wants = box.root + "/etc/systemd/system/sockets.target.wants"
        for dir in [vendor, wants] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        for daemon in daemons {
            let unit = "\(daemon).socket"
            try "[Unit]\nDescription=\(daemon) local socket\n\n[Socket]\nListenStream=/run/libvirt/\(daemon)-sock\nSocketMode=0600\n\n[Install]\nWantedBy=sockets.target\n"
                .write(toFile: vendor + "/" + unit, atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: wants + "/" + unit, withDestinationPath: "/lib/systemd/system/" + unit)
        }
    }

    static func write(_ text: String, _ path: String, in box: ApplierSandbox) throws {
        try text.write(toFile: box.root + path, atomically: false, encoding: .utf8)
    }

    static func text(_ path: String, in box: ApplierSandbox) -> String? {
        try? String(contentsOfFile: box.root + path, encoding: .utf8)
    }

    static func files(_ plan: Plan, rule: String) -> [String] {
        (plan.changes.filter { $0.rule == rule }.compactMap(\.address.file)
            + plan.findings.filter { $0.rule == rule }.compactMap(\.address.file)).sorted()
    }

    @Test func theModularDaemonsFilesAreJudgedAndLibvirtdConfIsNot() throws {
        let box = try ApplierSandbox()
        try Self.enableSockets(["virtqemud", "virtproxyd"], in: box)
        try Self.write(Self.weak, "/etc/libvirt/virtqemud.conf", in: box)
        try Self.write(Self.weak, "/etc/libvirt/virtproxyd.conf", in: box)
        try Self.write(Self.weak, "/etc/libvirt/libvirtd.conf", in: box)
        let policy = try box.policy()
        let plan = try box.plan(policy)

        #expect(plan.libvirtDaemons == ["virtqemud", "virtproxyd"])
        #expect(plan.notes.contains { $0.contains("virtqemud, virtproxyd") }, "\(plan.notes)")
        #expect(Self.files(plan, rule: "libvirtd-audit-level") == ["/etc/libvirt/virtproxyd.conf", "/etc/libvirt/virtqemud.conf"])
        // The TCP listener's keys exist only in the file of the daemon that listens.
        #expect(Self.files(plan, rule: "libvirtd-listen-tcp-off") == ["/etc/libvirt/virtproxyd.conf"])
        #expect(Self.files(plan, rule: "libvirtd-auth-tcp-sasl") == ["/etc/libvirt/virtproxyd.conf"])
        #expect(!plan.changes.contains { $0.address.file == "/etc/libvirt/libvirtd.conf" })
        #expect(!plan.findings.contains { $0.address.file == "/etc/libvirt/libvirtd.conf" })
    }

    @Test func aChangeToAModularDaemonsFileIsAppliedJournaledAndRolledBack() throws {
        let box = try ApplierSandbox()
        try Self.enableSockets(["virtqemud"], in: box)
        let original = "# site settings\naudit_level = 1\n"
        try Self.write(original, "/etc/libvirt/virtqemud.conf", in: box)
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let change = try #require(plan.changes.first { $0.rule == "libvirtd-audit-level" })
        #expect(change.address == .file("/etc/libvirt/virtqemud.conf", key: "audit_level"))
        #expect(change.before == "1" && change.after == "2")
        #expect(!plan.changes.contains { $0.address.file == "/etc/libvirt/libvirtd.conf" })

        let result = try box.apply(box.applier(plan, policy))
        let applied = try #require(Self.text("/etc/libvirt/virtqemud.conf", in: box))
        #expect(applied.hasPrefix("# site settings\naudit_level = 2\n"), "\(applied)")
        #expect(result.effects.daemonsToRestart.contains("virtqemud"))
        #expect(!result.effects.daemonsToRestart.contains("libvirtd"), "\(result.effects.daemonsToRestart)")
        #expect(!(try box.plan(policy)).changes.contains { $0.rule == "libvirtd-audit-level" })

        _ = try box.rollback(id: result.applyID)
        #expect(Self.text("/etc/libvirt/virtqemud.conf", in: box) == original)
        #expect(try box.plan(policy).changes.contains { $0.rule == "libvirtd-audit-level" })
    }

    @Test func withOnlyVirtqemudNothingListensSoNetworkKeysAreNotJudged() throws {
        let box = try ApplierSandbox()
        try Self.enableSockets(["virtqemud"], in: box)
        try Self.write(Self.weak, "/etc/libvirt/virtqemud.conf", in: box)
        let plan = try box.plan(try box.policy())
        #expect(plan.libvirtDaemons == ["virtqemud"])
        #expect(Self.files(plan, rule: "libvirtd-listen-tcp-off").isEmpty)
        #expect(Self.files(plan, rule: "libvirtd-audit-level") == ["/etc/libvirt/virtqemud.conf"])
    }

    @Test func aModularFileTheLensRejectsIsAFindingNamingIt() throws {
        let box = try ApplierSandbox()
        try Self.enableSockets(["virtqemud"], in: box)
        try Self.write("audit_level = 1\nno_such_key_in_the_lens = 1\n", "/etc/libvirt/virtqemud.conf", in: box)
        let plan = try box.plan(try box.policy())
        let parse = try #require(plan.findings.first { $0.rule == PlannerRules.hostFileParses && $0.address.file == "/etc/libvirt/virtqemud.conf" })
        #expect(parse.message.contains("virtqemud.conf"), "\(parse.message)")
        // Read with libvirt's own syntax instead: the weak value is still seen, and not edited.
        let audit = try #require(plan.findings.first { $0.rule == "libvirtd-audit-level" })
        #expect(audit.address.file == "/etc/libvirt/virtqemud.conf")
        #expect(!plan.changes.contains { $0.address.file == "/etc/libvirt/virtqemud.conf" })
    }

    @Test func thisMachinesMonolithicUnitsKeepTheRulesOnLibvirtdConf() throws {
        let box = try ApplierSandbox()
        let units = try SystemdUnitKindTests.installRealUnits(into: box)
        #expect(!units.contains { $0.hasPrefix("virtqemud") }, "this test expects Debian 12's monolithic libvirt: \(units)")
        // Enabled as Debian's package enables it.
        try FileManager.default.createSymbolicLink(
            atPath: box.root + "/etc/systemd/system/sockets.target.wants/libvirtd.socket", withDestinationPath: "/lib/systemd/system/libvirtd.socket")
        // A modular daemon's file left behind (say by an upgrade) is not what serves.
        try Self.write(Self.weak, "/etc/libvirt/virtqemud.conf", in: box)
        let plan = try box.plan(try box.policy())
        #expect(plan.libvirtDaemons == ["libvirtd"])
        #expect(!plan.notes.contains { $0.contains("libvirt daemons serving") })
        #expect(Self.files(plan, rule: "libvirtd-audit-level") == ["/etc/libvirt/libvirtd.conf"])
        #expect(!plan.changes.contains { $0.address.file == "/etc/libvirt/virtqemud.conf" })
    }

    @Test func anEnabledTLSSocketNeedsTheCertificateAllowList() throws {
        let box = try ApplierSandbox()
        try Self.enableSockets(["virtqemud", "virtproxyd"], in: box)
        try Self.write("", "/etc/libvirt/virtproxyd.conf", in: box)
        let policy = try box.policy()
        // No TLS listener: the list is not read.
        #expect(Self.files(try box.plan(policy), rule: "libvirtd-tls-allowed-dn-list").isEmpty)

        // The socket unit listens although listen_tls is absent from the file.
        try Self.enableSockets(["virtproxyd-tls"], in: box)
        let plan = try box.plan(policy)
        let finding = try #require(plan.findings.first { $0.rule == "libvirtd-tls-allowed-dn-list" })
        #expect(finding.address.file == "/etc/libvirt/virtproxyd.conf")
        #expect(finding.message.contains("admits everyone"), "\(finding.message)")
        #expect(!plan.changes.contains { $0.rule == "libvirtd-tls-allowed-dn-list" })

        try Self.write("tls_allowed_dn_list = [\"C=GB,O=Example,CN=mgmt01\"]\n", "/etc/libvirt/virtproxyd.conf", in: box)
        #expect(Self.files(try box.plan(policy), rule: "libvirtd-tls-allowed-dn-list").isEmpty)
    }

    @Test func qemuConfChangesNameTheServingQEMUDaemon() {
        #expect(ServingDaemons.qemuDriver(["virtqemud", "virtproxyd"]) == "virtqemud")
        #expect(ServingDaemons.qemuDriver(["libvirtd"]) == "libvirtd")
        #expect(ServingDaemons.qemuDriver(nil) == "libvirtd")
        // Both enabled (a half-finished migration): libvirtd's QEMU driver may be the one running.
        #expect(ServingDaemons.qemuDriver(["libvirtd", "virtqemud"]) == "libvirtd")
    }
}
