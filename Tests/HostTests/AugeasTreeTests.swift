import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("AugeasTree")
struct AugeasTreeTests {
    static let qemu = "/files/etc/libvirt/qemu.conf"
    static let libvirtFiles = ["etc/libvirt/qemu.conf", "etc/libvirt/libvirtd.conf"]

    @Test func absentKeyReadsAsNil() throws {
        let sandbox = try AugeasSandbox(files: Self.libvirtFiles)
        defer { sandbox.remove() }
        let tree = try AugeasTree(root: sandbox.path, loads: [.qemuConf, .libvirtdConf])

        // Debian's defaults are fully commented: the files load, keys are absent, comments are not.
        #expect(try tree.exists(Self.qemu))
        #expect(try tree.exists("/files/etc/libvirt/libvirtd.conf"))
        #expect(try tree.get("\(Self.qemu)/vnc_listen") == nil)
        #expect(try tree.exists("\(Self.qemu)/vnc_listen") == false)
        #expect(try tree.match("\(Self.qemu)/*[label() != '#comment' and label() != '#empty']").isEmpty)
        #expect(try tree.match("\(Self.qemu)/#comment").count > 100)
    }

    @Test func setSaveAndRereadKeepsCommentsAndMode() throws {
        let sandbox = try AugeasSandbox(files: Self.libvirtFiles)
        defer { sandbox.remove() }
        let file = "etc/libvirt/qemu.conf"
        // Debian installs qemu.conf as 0600 (it may hold passwords).
        try sandbox.setMode(0o600, of: file)
        let before = try sandbox.read(file)
        let tree = try AugeasTree(root: sandbox.path, loads: [.qemuConf])
        let comments = try tree.match("\(Self.qemu)/#comment").count

        try tree.set("\(Self.qemu)/vnc_listen", "127.0.0.1")
        #expect(try tree.save() == ["/etc/libvirt/qemu.conf"])

        let after = try sandbox.read(file)
        // Every original line is kept in place; the new key is appended at the end.
        #expect(after.hasPrefix(before))
        #expect(after.dropFirst(before.count) == "vnc_listen = \"127.0.0.1\"\n")
        #expect(try sandbox.attributes(file)[.posixPermissions] as? Int == 0o600)

        let reread = try AugeasTree(root: sandbox.path, loads: [.qemuConf])
        #expect(try reread.get("\(Self.qemu)/vnc_listen") == "127.0.0.1")
        #expect(try reread.match("\(Self.qemu)/#comment").count == comments)
    }

    @Test func saveWithoutChangesWritesNothing() throws {
        let sandbox = try AugeasSandbox(files: ["etc/sysctl.conf"] + Self.libvirtFiles)
        defer { sandbox.remove() }
        let files = ["etc/sysctl.conf", "etc/libvirt/qemu.conf"]
        let before = try files.map { try sandbox.attributes($0) }
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl, .qemuConf])
        // Setting a key to the value it already has is not a change either.
        try tree.set("/files/etc/sysctl.conf/net.ipv4.ip_forward", "1")

        #expect(try tree.pendingFiles().isEmpty)
        #expect(try tree.save().isEmpty)

        for (file, old) in zip(files, before) {
            let new = try sandbox.attributes(file)
            #expect(new[.systemFileNumber] as? Int == old[.systemFileNumber] as? Int, "inode of \(file)")
            #expect(new[.modificationDate] as? Date == old[.modificationDate] as? Date, "mtime of \(file)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.url("etc").path).sorted()
            == ["libvirt", "sysctl.conf"])
    }

    @Test func arrayIsEditedInPlace() throws {
        let sandbox = try AugeasSandbox(files: ["etc/libvirt/qemu.conf"])
        defer { sandbox.remove() }
        let acl = "\(Self.qemu)/cgroup_device_acl"
        let tree = try AugeasTree(root: sandbox.path, loads: [.qemuConf])
        for (index, device) in ["/dev/null", "/dev/full", "/dev/zero"].enumerated() {
            try tree.set("\(acl)/\(index + 1)", device)
        }
        try tree.save()
        #expect(try sandbox.read("etc/libvirt/qemu.conf")
            .contains("\ncgroup_device_acl = [ \"/dev/null\", \"/dev/full\", \"/dev/zero\"]\n"))

        // Replace the list: remove the items, then set 1..n (the array node keeps its place).
        let edit = try AugeasTree(root: sandbox.path, loads: [.qemuConf])
        #expect(try edit.match("\(acl)/*").count == 3)
        #expect(try edit.remove("\(acl)/*") == 3)
        try edit.set("\(acl)/1", "/dev/null")
        try edit.set("\(acl)/2", "/dev/random")
        #expect(try edit.save() == ["/etc/libvirt/qemu.conf"])

        let reread = try AugeasTree(root: sandbox.path, loads: [.qemuConf])
        let items = try reread.match("\(acl)/*").map { try reread.get($0) }
        #expect(items == ["/dev/null", "/dev/random"])
        #expect(try reread.match(acl).count == 1)
    }

    @Test func newSysctlDropInIsCreated() throws {
        let sandbox = try AugeasSandbox(files: ["etc/sysctl.conf"], directories: ["etc/sysctl.d"])
        defer { sandbox.remove() }
        let dropIn = "etc/sysctl.d/90-hvharden.conf"
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl])
        try tree.set("/files/\(dropIn)/kernel.dmesg_restrict", "1")

        // The preview writes nothing and leaves the change pending.
        #expect(try tree.pendingFiles() == ["/\(dropIn)"])
        #expect(sandbox.exists(dropIn) == false)
        #expect(try tree.pendingFiles() == ["/\(dropIn)"])

        #expect(try tree.save() == ["/\(dropIn)"])
        #expect(try sandbox.read(dropIn) == "kernel.dmesg_restrict = 1\n")
        #expect(try tree.save().isEmpty)
        let reread = try AugeasTree(root: sandbox.path, loads: [.sysctl])
        #expect(try reread.get("/files/\(dropIn)/kernel.dmesg_restrict") == "1")
        #expect(try reread.get("/files/etc/sysctl.conf/net.ipv4.ip_forward") == "1")
    }

    @Test func insertPlacesKeyUnderItsCommentedDefault() throws {
        let sandbox = try AugeasSandbox(files: ["etc/sysctl.conf"])
        defer { sandbox.remove() }
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl])
        let comment = "/files/etc/sysctl.conf/#comment[. =~ regexp('kernel.printk = .*')]"
        try tree.insert(label: "kernel.printk", at: comment, before: false)
        try tree.set("/files/etc/sysctl.conf/kernel.printk", "3 3 1 3")
        try tree.save()
        #expect(try sandbox.read("etc/sysctl.conf")
            .contains("#kernel.printk = 3 4 1 3\nkernel.printk = 3 3 1 3\n\nnet.ipv4.ip_forward = 1\n"))
    }

    @Test func lineOfNodeCountsFromOne() throws {
        let sandbox = try AugeasSandbox(files: ["etc/sysctl.conf", "etc/libvirt/qemu.conf"])
        defer { sandbox.remove() }
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl, .qemuConf])
        let lines = try sandbox.read("etc/sysctl.conf").split(separator: "\n", omittingEmptySubsequences: false)
        let expected = try #require(lines.firstIndex { $0.hasPrefix("kernel.kptr_restrict") }) + 1
        #expect(tree.line(of: "/files/etc/sysctl.conf/kernel.kptr_restrict") == expected)
        #expect(tree.line(of: "/files/etc/sysctl.conf/#comment[1]") == 2)
        // A node added since the load has no place in the file yet, nor has a missing one.
        try tree.set("/files/etc/sysctl.conf/vm.swappiness", "10")
        #expect(tree.line(of: "/files/etc/sysctl.conf/vm.swappiness") == nil)
        #expect(tree.line(of: "/files/etc/sysctl.conf/absent") == nil)
    }
}
