import Compiler
import Foundation
import Testing
@testable import Planner
@testable import Applier
@testable import LiveHost
import LiveTestSupport
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The host-path kind end to end on a sandbox root: read, plan, apply, journal, rollback.
@Suite struct HostPathKindTests {
    static func mode(_ path: String) -> UInt32 {
        var st = stat()
        return lstat(path, &st) == 0 ? UInt32(st.st_mode & 0o7777) : 0
    }

    static func make(_ path: String, mode: mode_t, directory: Bool = false) throws {
        try FileManager.default.createDirectory(
            atPath: directory ? path : (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if !directory { try "secret\n".write(toFile: path, atomically: false, encoding: .utf8) }
        #expect(chmod(path, mode) == 0)
    }

    @Test func weakPathsArePlannedAppliedJournaledAndRolledBack() throws {
        let box = try ApplierSandbox()
        let key = box.root + "/etc/pki/libvirt/private/serverkey.pem"
        let images = box.root + "/var/lib/libvirt/images"
        // A key reached through a link: the file it leads to is judged and changed, the link stays.
        let real = box.root + "/srv/keys/libvirt-server.pem"
        let linked = box.root + "/etc/pki/libvirt/private/clientkey.pem"
        try Self.make(key, mode: 0o644)
        try Self.make(images, mode: 0o777, directory: true)
        try Self.make(real, mode: 0o640)
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: "/srv/keys/libvirt-server.pem")
        let policy = try box.policy()
        let plan = try box.plan(policy)
        let changed = Set(plan.changes.compactMap { $0.address.name(of: HostPathResource.self) })
        #expect(changed.isSuperset(of: ["/etc/pki/libvirt/private/serverkey.pem", "/var/lib/libvirt/images", "/etc/pki/libvirt/private/clientkey.pem"]),
                "\(changed)")
        #expect(plan.basis.objects[HostPathResource.ref("/var/lib/libvirt/images")]?.exists == true)

        let result = try box.apply(box.applier(plan, policy))
        #expect(Self.mode(key) == 0o600)
        #expect(Self.mode(images) == 0o711)
        #expect(Self.mode(real) == 0o600)
        var st = stat()
        #expect(lstat(linked, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK, "the link was replaced")
        let again = try box.plan(policy)
        #expect(!again.changes.contains { $0.address.ref?.kind == HostPathResource.kind }, "\(again.changes)")

        let undone = try box.rollback(id: result.applyID)
        #expect(undone.restored.contains(HostPathResource.ref("/var/lib/libvirt/images")))
        #expect(Self.mode(key) == 0o644)
        #expect(Self.mode(images) == 0o777)
        #expect(Self.mode(real) == 0o640)
    }

    @Test func aPathChangedSinceThePlanIsNotTouched() throws {
        let box = try ApplierSandbox()
        let key = box.root + "/etc/pki/libvirt/private/serverkey.pem"
        try Self.make(key, mode: 0o644)
        let policy = try box.policy()
        let plan = try box.plan(policy)
        #expect(chmod(key, 0o666) == 0)
        #expect(throws: ApplyError.self) { try box.apply(box.applier(plan, policy)) }
        #expect(Self.mode(key) == 0o666, "a stale plan changed the path")
    }

    @Test func anOwnerIsAFindingWhereTheRuleCannotSetIt() throws {
        let box = try ApplierSandbox()
        let key = box.root + "/etc/pki/qemu/server-key.pem"
        try Self.make(key, mode: 0o640)
        #expect(chown(key, 0, 100) == 0)
        let plan = try box.plan(try box.policy())
        let finding = try #require(plan.findings.first { $0.rule == "path-qemu-tls-private-keys" })
        #expect(finding.address.ref == HostPathResource.ref("/etc/pki/qemu/server-key.pem"))
        #expect(finding.message.contains("group 100 is not"), "\(finding.message)")
        #expect(!plan.changes.contains { $0.rule == "path-qemu-tls-private-keys" })
    }
}
