import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("AugeasError")
struct AugeasErrorTests {
    @Test func unknownQemuKeyNamesFileAndLine() throws {
        let sandbox = try AugeasSandbox(files: ["etc/libvirt/qemu.conf"])
        defer { sandbox.remove() }
        var lines = try sandbox.read("etc/libvirt/qemu.conf").components(separatedBy: "\n")
        lines.insert("bogus_key = 1", at: 99)  // becomes line 100
        try sandbox.write(lines.joined(separator: "\n"), to: "etc/libvirt/qemu.conf")

        let error = try #require(throws: AugeasError.self) {
            try AugeasTree(root: sandbox.path, loads: [.qemuConf])
        }
        #expect(error.fileErrors == [AugeasFileError(
            file: "/etc/libvirt/qemu.conf", line: 100, column: 1, lens: "Libvirtd_qemu.lns",
            message: "Iterated lens matched less than it should", kind: "parse_failed")])
        #expect(error.fileErrors.first?.description
            == "/etc/libvirt/qemu.conf:100:1: error: Iterated lens matched less than it should (lens Libvirtd_qemu.lns)")
        #expect(error.message.contains("'/etc/libvirt/qemu.conf'"))
    }

    @Test func badPathAndAmbiguousPathAreAugeasErrors() throws {
        let sandbox = try AugeasSandbox(files: ["etc/sysctl.conf"])
        defer { sandbox.remove() }
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl])

        let syntax = try #require(throws: AugeasError.self) { try tree.get("/files/etc/sysctl.conf/[") }
        #expect(syntax.codeName == "AUG_EPATHX")
        #expect(syntax.message.contains("'/files/etc/sysctl.conf/['"))

        let ambiguous = try #require(throws: AugeasError.self) { try tree.get("/files/etc/sysctl.conf/#comment") }
        #expect(ambiguous.codeName == "AUG_EMMATCH")
        #expect(throws: AugeasError.self) { try tree.set("/files/etc/sysctl.conf/#comment", "x") }
        #expect(throws: AugeasError.self) { try tree.insert(label: "a", at: "/files/etc/sysctl.conf/#comment", before: true) }
    }

    @Test func missingLensIsReported() throws {
        let sandbox = try AugeasSandbox(files: ["etc/sysctl.conf"])
        defer { sandbox.remove() }
        let load = AugeasLoad(name: "Nope", lens: "Nope.lns", includes: ["/etc/sysctl.conf"])
        let error = try #require(throws: AugeasError.self) { try AugeasTree(root: sandbox.path, loads: [load]) }
        #expect(error.codeName == "AUG_ENOLENS")
        #expect(error.message.contains("'Nope.lns'"))

        let badName = AugeasLoad(name: "a/b", lens: "Sysctl.lns", includes: [])
        let nameError = try #require(throws: AugeasError.self) { try AugeasTree(root: sandbox.path, loads: [badName]) }
        #expect(nameError.codeName == "AUG_EBADARG")
    }

    @Test func keyTheLensRejectsFailsTheSave() throws {
        let sandbox = try AugeasSandbox(files: ["etc/libvirt/qemu.conf"])
        defer { sandbox.remove() }
        let before = try sandbox.read("etc/libvirt/qemu.conf")
        let tree = try AugeasTree(root: sandbox.path, loads: [.qemuConf])
        try tree.set("/files/etc/libvirt/qemu.conf/bogus_key", "1")

        let error = try #require(throws: AugeasError.self) { try tree.save() }
        let problem = try #require(error.fileErrors.first)
        #expect(error.fileErrors.count == 1)
        #expect(problem.file == "/etc/libvirt/qemu.conf")
        #expect(problem.kind == "put_failed")
        #expect(problem.lens == "Libvirtd_qemu.lns")
        #expect(try tree.fileErrors() == error.fileErrors)
        #expect(try sandbox.read("etc/libvirt/qemu.conf") == before)

        // Once the offending node is gone the file saves, and the stale error record goes too.
        try tree.remove("/files/etc/libvirt/qemu.conf/bogus_key")
        try tree.set("/files/etc/libvirt/qemu.conf/vnc_tls", "1")
        #expect(try tree.save() == ["/etc/libvirt/qemu.conf"])
        #expect(try tree.fileErrors().isEmpty)
        #expect(try sandbox.read("etc/libvirt/qemu.conf") == before + "vnc_tls = 1\n")
    }

    @Test func missingDirectoryFailsTheSave() throws {
        // No etc/sysctl.d in this root: Augeas does not create directories.
        let sandbox = try AugeasSandbox(files: ["etc/sysctl.conf"])
        defer { sandbox.remove() }
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl])
        try tree.set("/files/etc/sysctl.d/90-hvharden.conf/kernel.dmesg_restrict", "1")

        let error = try #require(throws: AugeasError.self) { try tree.save() }
        let problem = try #require(error.fileErrors.first)
        #expect(problem.file == "/etc/sysctl.d/90-hvharden.conf")
        #expect(problem.kind == "mk_augtemp")
        #expect(sandbox.exists("etc/sysctl.d") == false)
    }
}
