import Compiler
import Foundation
import Testing
@testable import Planner
@testable import Applier
@testable import LiveHost
import LiveTestSupport
import TestSupport

/// libvirt's socket units on this machine's real unit layout (Debian's libvirt-daemon-system,
/// which the test setup installs), copied into a sandbox root: nothing under this machine's own
/// /etc is read or written.
@Suite struct SystemdUnitKindTests {
    /// Copies every libvirt socket unit of the machine's /lib/systemd/system into the sandbox.
    static func installRealUnits(into box: ApplierSandbox) throws -> [String] {
        let vendor = "/lib/systemd/system"
        let units = try FileManager.default.contentsOfDirectory(atPath: vendor)
            .filter { ($0.hasPrefix("libvirtd") || $0.hasPrefix("virt")) && $0.hasSuffix(".socket") }.sorted()
        try #require(units.contains("libvirtd-admin.socket") && units.contains("libvirtd-tcp.socket"),
                     "libvirt-daemon-system's socket units are missing from \(vendor): \(units)")
        try FileManager.default.createDirectory(atPath: box.root + vendor, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: box.root + "/etc/systemd/system/sockets.target.wants", withIntermediateDirectories: true)
        for unit in units { try FileManager.default.copyItem(atPath: "\(vendor)/\(unit)", toPath: box.root + vendor + "/" + unit) }
        return units
    }

    static func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test func theShippedUnitsComplyUntilTheTCPSocketIsEnabled() throws {
        let box = try ApplierSandbox()
        _ = try Self.installRealUnits(into: box)
        let policy = try box.policy()
        let clean = try box.plan(policy)
        #expect(!clean.findings.contains { $0.rule.hasPrefix("systemd-") }, "\(clean.findings.filter { $0.rule.hasPrefix("systemd-") })")
        #expect(!clean.changes.contains { $0.rule.hasPrefix("systemd-") })

        try FileManager.default.createSymbolicLink(
            atPath: box.root + "/etc/systemd/system/sockets.target.wants/libvirtd-tcp.socket", withDestinationPath: "/lib/systemd/system/libvirtd-tcp.socket")
        let plan = try box.plan(policy)
        let finding = try #require(plan.findings.first { $0.rule == "systemd-libvirt-tcp-socket-off" })
        #expect(finding.address == .file("/lib/systemd/system/libvirtd-tcp.socket", key: "enabled"))
        #expect(finding.message.contains("/etc/systemd/system/sockets.target.wants/libvirtd-tcp.socket"), "\(finding.message)")
    }

    @Test func aWideAdminSocketGetsADropInThatRollbackRemoves() throws {
        let box = try ApplierSandbox()
        _ = try Self.installRealUnits(into: box)
        // Enlarged in the vendor unit's copy, as a package or a careless edit might.
        let unit = box.root + "/lib/systemd/system/libvirtd-admin.socket"
        let text = try #require(Self.text(unit))
        try text.replacingOccurrences(of: "SocketMode=0600", with: "SocketMode=0660").write(toFile: unit, atomically: false, encoding: .utf8)
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let own = "/etc/systemd/system/libvirtd-admin.socket.d/hvharden.conf"
        let change = try #require(plan.changes.first { $0.rule == "systemd-libvirt-admin-socket-private" })
        #expect(change.address == .file(own, key: "Socket/SocketMode"))
        #expect(change.before == "0660" && change.after == "0600")

        let result = try box.apply(box.applier(plan, policy))
        #expect(Self.text(box.root + own) == "[Socket]\nSocketMode=0600\n")
        #expect(!(try box.plan(policy)).changes.contains { $0.rule == "systemd-libvirt-admin-socket-private" })

        _ = try box.rollback(id: result.applyID)
        #expect(!FileManager.default.fileExists(atPath: box.root + own), "rollback left hvharden's drop-in")
        #expect(try box.plan(policy).changes.contains { $0.rule == "systemd-libvirt-admin-socket-private" })
    }

    @Test func theDropInThatDecidesIsEditedAndRestored() throws {
        let box = try ApplierSandbox()
        _ = try Self.installRealUnits(into: box)
        let override = box.root + "/etc/systemd/system/libvirtd-admin.socket.d/override.conf"
        try FileManager.default.createDirectory(atPath: (override as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let original = "# made by systemctl edit\n[Socket]\nSocketMode=0666\n"
        try original.write(toFile: override, atomically: false, encoding: .utf8)
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let change = try #require(plan.changes.first { $0.rule == "systemd-libvirt-admin-socket-private" })
        #expect(change.address == .file("/etc/systemd/system/libvirtd-admin.socket.d/override.conf", key: "Socket/SocketMode"))
        let result = try box.apply(box.applier(plan, policy))
        #expect(Self.text(override) == "# made by systemctl edit\n[Socket]\nSocketMode=0600\n")
        _ = try box.rollback(id: result.applyID)
        #expect(Self.text(override) == original)
    }

    @Test func aDropInReadAfterHvhardensThatItMayNotEditIsAFinding() throws {
        let box = try ApplierSandbox()
        _ = try Self.installRealUnits(into: box)
        let late = box.root + "/run/systemd/system/libvirtd-admin.socket.d/zz-wide.conf"
        try FileManager.default.createDirectory(atPath: (late as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "[Socket]\nSocketMode=0666\n".write(toFile: late, atomically: false, encoding: .utf8)
        let plan = try box.plan(try box.policy())
        let finding = try #require(plan.findings.first { $0.rule == "systemd-libvirt-admin-socket-private" })
        #expect(finding.message.contains("/run/systemd/system/libvirtd-admin.socket.d/zz-wide.conf"), "\(finding.message)")
        #expect(!plan.changes.contains { $0.rule == "systemd-libvirt-admin-socket-private" })
    }

    @Test func aDropInTheLensRejectsIsAFindingAndTheOtherUnitsAreStillJudged() throws {
        let box = try ApplierSandbox()
        _ = try Self.installRealUnits(into: box)
        let broken = box.root + "/etc/systemd/system/libvirtd-admin.socket.d/broken.conf"
        try FileManager.default.createDirectory(atPath: (broken as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "[Socket\nSocketMode=0666\n".write(toFile: broken, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: box.root + "/etc/systemd/system/sockets.target.wants/libvirtd-tcp.socket", withDestinationPath: "/lib/systemd/system/libvirtd-tcp.socket")
        let plan = try box.plan(try box.policy())
        let admin = try #require(plan.findings.first { $0.rule == "systemd-libvirt-admin-socket-private" })
        #expect(admin.message.contains("cannot be judged") && admin.message.contains("broken.conf"), "\(admin.message)")
        #expect(!plan.changes.contains { $0.rule.hasPrefix("systemd-") })
        #expect(plan.findings.contains { $0.rule == "systemd-libvirt-tcp-socket-off" })
    }

    @Test func dropInDirectoriesIncludePrefixesAndTheType() {
        #expect(SystemdUnitReader.dropInDirectoryNames("libvirtd-admin.socket")
            == ["libvirtd-admin.socket.d", "libvirtd-.socket.d", "socket.d"])
        #expect(SystemdUnitReader.dropInDirectoryNames("a-b-c.socket") == ["a-b-c.socket.d", "a-b-.socket.d", "a-.socket.d", "socket.d"])
    }
}
