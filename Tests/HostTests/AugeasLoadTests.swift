import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("AugeasLoad")
struct AugeasLoadTests {
    static let allFiles = [
        "etc/libvirt/qemu.conf", "etc/libvirt/libvirtd.conf", "etc/sysctl.conf",
        "etc/modprobe.d/kvm.conf", "etc/default/grub",
    ]

    @Test func presetsLoadTheirFilesQuickly() throws {
        let sandbox = try AugeasSandbox(files: Self.allFiles)
        defer { sandbox.remove() }
        let loads: [AugeasLoad] = [.qemuConf, .libvirtdConf, .sysctl, .modprobe, .grubDefault]

        let clock = ContinuousClock()
        var tree: AugeasTree?
        let elapsed = try clock.measure {
            tree = try AugeasTree(root: sandbox.path, loads: loads)
        }
        print("Augeas targeted load of \(loads.count) lenses over \(Self.allFiles.count) files: \(elapsed)")
        let loaded = try #require(tree)

        let files = try loaded.match("/augeas/files//path").compactMap { try loaded.get($0) }.sorted()
        #expect(files == Self.allFiles.map { "/files/\($0)" }.sorted())
        #expect(try loaded.get("/files/etc/sysctl.conf/net.ipv4.ip_forward") == "1")
        #expect(try loaded.get("/files/etc/modprobe.d/kvm.conf/options[. = 'kvm_intel']/nested") == "1")
        #expect(try loaded.get("/files/etc/modprobe.d/kvm.conf/blacklist") == "floppy")
        // Shellvars keeps the quotes as part of the value.
        #expect(try loaded.get("/files/etc/default/grub/GRUB_CMDLINE_LINUX_DEFAULT") == "\"quiet\"")
        // Nothing but the requested lenses was set up.
        #expect(try loaded.match("/augeas/load/*").count == loads.count)
    }

    @Test func presetsCoverTheExpectedFiles() {
        #expect(AugeasLoad.qemuConf.lens == "Libvirtd_qemu.lns")
        #expect(AugeasLoad.libvirtdConf.lens == "Libvirtd.lns")
        #expect(AugeasLoad.sysctl.includes == ["/etc/sysctl.conf", "/etc/sysctl.d/*.conf"])
        #expect(AugeasLoad.modprobe.includes == ["/etc/modprobe.d/*.conf"])
        #expect(AugeasLoad.grubDefault.lens == "Shellvars.lns")
        #expect(AugeasLoad.grubDefault.includes == ["/etc/default/grub"])
    }
}
