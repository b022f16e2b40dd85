import Compiler
import Testing
@testable import Planner
import HostModel
import TestSupport

/// The host-resource rules of domain-host-resources.yaml: exported host directories and whole
/// host disks, each judged on definitions built here.
@Suite struct GuestHostResourceEvaluatorTests {
    static func domain(_ devices: String) -> String {
        "<domain type='kvm'><name>t</name><memory>1048576</memory><os><type arch='x86_64'>hvm</type></os><devices>\(devices)</devices></domain>"
    }

    static func filesystem(_ dir: String, readonly: Bool) -> String {
        "<filesystem type='mount'><source dir='\(dir)'/><target dir='tag'/>\(readonly ? "<readonly/>" : "")</filesystem>"
    }

    static func block(_ dev: String, device: String = "disk") -> String {
        "<disk type='block' device='\(device)'><driver name='qemu' type='raw'/><source dev='\(dev)'/><target dev='vdz' bus='virtio'/></disk>"
    }

    @Test func writableExportOnTheAllowListIsStillAFinding() throws {
        let outcome = try GuestHarness.evaluate(
            "domain-filesystem-export-readonly-allowlisted", Self.domain(Self.filesystem("/srv/share/", readonly: false)),
            parameters: ["allowedSources": .list(["/srv/share"])])
        let message = try #require(outcome.findingText)
        #expect(message.contains("'/srv/share/'"))
        #expect(message.contains("writable"))
        #expect(!message.contains("not on the allow-list"), "a trailing slash is the same directory")
    }

    @Test func allowListMatchesWholePathComponents() {
        #expect(FilesystemExportEvaluator.isBelow("/srv/share/isos", anyOf: ["/srv/share"]))
        #expect(FilesystemExportEvaluator.isBelow("/srv/share", anyOf: ["/srv/share"]))
        #expect(!FilesystemExportEvaluator.isBelow("/srv/shared", anyOf: ["/srv/share"]))
        #expect(FilesystemExportEvaluator.isBelow("/anything", anyOf: ["/"]))
        #expect(!FilesystemExportEvaluator.isBelow("/srv/share", anyOf: []))
    }

    @Test func imageBackedFilesystemsAreNotJudged() throws {
        let image = "<filesystem type='file' accessmode='passthrough'><driver type='loop' format='raw'/><source file='/srv/fs.img'/><target dir='/data'/></filesystem>"
        #expect(try GuestHarness.evaluate("domain-filesystem-export-readonly-allowlisted", Self.domain(image)) == .compliant)
    }

    @Test func everyExportIsNamed() throws {
        let devices = Self.filesystem("/home", readonly: false) + Self.filesystem("/srv/ro", readonly: true)
        let message = try #require(try GuestHarness.evaluate("domain-filesystem-export-readonly-allowlisted", Self.domain(devices)).findingText)
        #expect(message.contains("'/home' (tag 'tag') is writable and not on the allow-list"))
        #expect(message.contains("'/srv/ro' (tag 'tag') is not on the allow-list"))
    }

    @Test(arguments: [
        "/dev/sdb", "/dev/sdaa", "/dev/vdc", "/dev/xvda", "/dev/hdb", "/dev/nvme0n1", "/dev/nvme12n3", "/dev/mmcblk0",
        "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4", "/dev/disk/by-id/ata-ST2000DM008_ZFL0ABCD",
        "/dev/disk/by-path/ip-10.0.0.5:3260-iscsi-iqn.2024-01.example:lun1-lun-0",
    ])
    func wholeDiskNames(_ path: String) {
        #expect(WholeDiskPath.isWholeDisk(path))
    }

    @Test(arguments: [
        "/dev/sdb1", "/dev/vda2", "/dev/nvme0n1p1", "/dev/nvme0", "/dev/mmcblk0p2", "/dev/vg0/guest", "/dev/mapper/mpatha",
        "/dev/dm-3", "/dev/md0", "/dev/loop0", "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4-part1",
        "/dev/disk/by-id/dm-name-vg0-guest", "/dev/disk/by-id/lvm-pv-uuid-abc", "/dev/disk/by-path/pci-0000:00:17.0-ata-1-part2",
        "/srv/images/a.img", "/dev/sd",
    ])
    func namesThatAreNotPlainlyAWholeDisk(_ path: String) {
        #expect(!WholeDiskPath.isWholeDisk(path))
    }

    @Test func wholeDiskFindingNamesEachDiskAndHonoursTheAllowList() throws {
        let devices = Self.block("/dev/sdb") + Self.block("/dev/sdc", device: "lun") + Self.block("/dev/vg0/lv")
        let message = try #require(try GuestHarness.evaluate(
            "domain-no-whole-host-disk", Self.domain(devices), parameters: ["allowedDevices": .list(["/dev/sdc"])]).findingText)
        #expect(message.contains("'/dev/sdb' as vdz (device='disk')"))
        #expect(!message.contains("/dev/sdc"))
        #expect(!message.contains("/dev/vg0/lv"))
    }
}
