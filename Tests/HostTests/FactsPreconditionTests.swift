import Foundation
import Testing
@testable import Host
@testable import HostModel
import TestSupport

/// The facts fix preconditions read (docs/facts.md: mac, cpu.architecture, modules, software),
/// each from a sandbox root.
@Suite("Facts: what fix preconditions read")
struct FactsPreconditionTests {
    @Test func appArmorEnforcesWhenEnabledWithItsSecurityFS() throws {
        let root = try FactsFakeRoot()
        try root.write("/sys/module/apparmor/parameters/enabled", "Y")
        #expect(root.read().mac.enforcing == nil, "enabled without securityfs is not evidence of confinement")
        try FileManager.default.createDirectory(atPath: root.path + "/sys/kernel/security/apparmor", withIntermediateDirectories: true)
        let mac = root.read().mac
        #expect(mac.apparmorEnabled == true && mac.apparmorSecurityFS)
        #expect(mac.enforcing == "apparmor")
    }

    @Test func seLinuxEnforcingWinsAndPermissiveDoesNot() throws {
        let root = try FactsFakeRoot()
        try root.write("/sys/fs/selinux/enforce", "0")
        #expect(root.read().mac.selinuxEnforcing == false)
        #expect(root.read().mac.enforcing == nil)
        try root.write("/sys/fs/selinux/enforce", "1")
        try root.write("/sys/module/apparmor/parameters/enabled", "Y")
        try FileManager.default.createDirectory(atPath: root.path + "/sys/kernel/security/apparmor", withIntermediateDirectories: true)
        #expect(root.read().mac.enforcing == "selinux")
    }

    @Test func macEnforcingIsDerivedAgainWhenReadBack() throws {
        let json = #"{"apparmorEnabled": true, "apparmorSecurityFS": true, "enforcing": "selinux"}"#
        let mac = try JSONDecoder().decode(MACFacts.self, from: Data(json.utf8))
        #expect(mac.enforcing == "apparmor")
    }

    @Test func architectureFromTheKernelOrCPUInfo() throws {
        let root = try FactsFakeRoot()
        try root.write("/proc/cpuinfo", "processor\t: 0\nCPU implementer\t: 0x41\nCPU architecture: 8\n")
        #expect(root.read().cpu.architecture == "aarch64")
        try root.write("/proc/sys/kernel/arch", "x86_64")
        #expect(root.read().cpu.architecture == "x86_64")
        let x86 = try FactsFakeRoot()
        try x86.write("/proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu vmx lm\n")
        #expect(x86.read().cpu.architecture == "x86_64")
        #expect(try FactsFakeRoot().read().cpu.architecture == nil)
    }

    @Test func outOfTreeAndUnsignedModulesFromTaintFlags() throws {
        let root = try FactsFakeRoot()
        try root.write("/proc/modules", """
            zfs 4595712 6 - Live 0x0000000000000000 (POE)
            nvidia 56414208 0 - Live 0x0000000000000000 (PO)
            kvm_intel 380928 0 - Live 0x0000000000000000
            kvm 1146880 1 kvm_intel, Live 0x0000000000000000
            """)
        let modules = root.read().modules
        #expect(modules.listed)
        #expect(modules.outOfTree == ["nvidia", "zfs"])
        #expect(modules.unsigned == ["zfs"])
        #expect(!(try FactsFakeRoot()).read().modules.listed)
    }

    @Test func installedModulesShowTheirSignatureMarker() throws {
        let root = try FactsFakeRoot()
        let release = "6.1.0-18-amd64"
        try root.write("/proc/sys/kernel/osrelease", release)
        let base = "/lib/modules/\(release)"
        try root.bytes("\(base)/updates/dkms/zfs.ko", Array("\u{7F}ELF...~Module signature appended~\n".utf8))
        try root.bytes("\(base)/updates/dkms/spl.ko", Array("\u{7F}ELF unsigned".utf8))
        try root.bytes("\(base)/extra/vendor/nic.ko.xz", [0xFD, 0x37])
        try root.bytes("\(base)/kernel/fs/ext4.ko", Array("\u{7F}ELF in-tree".utf8))
        let installed = root.read().modules.installed
        #expect(installed == [
            InstalledModule(path: "\(base)/extra/vendor/nic.ko.xz", signed: nil),
            InstalledModule(path: "\(base)/updates/dkms/spl.ko", signed: false),
            InstalledModule(path: "\(base)/updates/dkms/zfs.ko", signed: true),
        ])
    }

    @Test func swtpmIsFoundOnTheSearchPath() throws {
        let root = try FactsFakeRoot()
        #expect(root.read().software == SoftwareFacts())
        try root.write("/usr/bin/swtpm", "#!/bin/true")
        try root.write("/usr/local/bin/swtpm_setup", "#!/bin/true")
        #expect(root.read().software == SoftwareFacts(swtpm: "/usr/bin/swtpm", swtpmSetup: "/usr/local/bin/swtpm_setup"))
    }

    @Test func anOlderFactsFileWithoutTheNewSectionsStillReads() throws {
        var json = try JSONSerialization.jsonObject(with: try HostFacts().jsonData()) as! [String: Any]
        for key in ["mac", "modules", "software"] { json.removeValue(forKey: key) }
        let facts = try HostFacts(jsonData: try JSONSerialization.data(withJSONObject: json))
        #expect(facts == HostFacts())
    }
}
