import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("Facts: parsing details")
struct FactsParsingTests {
    @Test(arguments: [
        ("none [integrity] confidentiality", "integrity"),
        ("[none] integrity confidentiality", "none"),
        ("none integrity [confidentiality]", "confidentiality"),
        ("none integrity confidentiality", nil),
        ("[]", nil),
    ] as [(String, String?)])
    func lockdownTakesTheBracketedMode(text: String, mode: String?) {
        #expect(BootFacts.activeLockdown(text) == mode)
    }

    @Test(arguments: [
        ("0x8086", 4, "8086"), ("0x10DE", 4, "10de"), ("0x1af4", 4, "1af4"), ("0x020000", 6, "020000"),
        ("0x60400", 6, "060400"), ("8086", 4, "8086"), ("0x", 4, ""), ("0xzz", 4, ""),
    ])
    func pciHexIsLowercasePaddedAndUnprefixed(text: String, digits: Int, expected: String) {
        #expect(PCIDevice.hex(text, digits: digits) == expected)
    }

    @Test func eptOnlyOnTheVMXFlagsLineCounts() throws {
        let root = try FactsFakeRoot()
        try root.cpuinfo(vendor: "GenuineIntel", model: "x", flags: "fpu vmx", vmxFlags: "ept vpid",
                         layout: [(physicalID: 0, coreID: 0)])
        let cpu = root.read().cpu
        #expect(cpu.vmx && cpu.ept)
    }

    @Test func flagsAreWholeWords() throws {
        // "npt" must not match inside "nptx", nor "smx" inside "smx_foo".
        let root = try FactsFakeRoot()
        try root.cpuinfo(vendor: "AuthenticAMD", model: "x", flags: "svmx nptx smx_foo",
                         layout: [(physicalID: 0, coreID: 0)])
        #expect(root.read().cpu == CPUFacts(
            vendor: "AuthenticAMD", modelName: "x", logicalCPUs: 1, physicalCores: 1, sockets: 1))
    }

    @Test func cpuinfoWithoutBlankLinesStillSplitsProcessors() {
        let info = CPUInfo(text: """
            processor : 0
            physical id : 0
            core id : 0
            processor : 1
            physical id : 0
            core id : 1
            """)
        #expect(info.processors.map { $0["core id"] } == ["0", "1"])
    }

    @Test func olderKernelsUseThreadSiblingsList() throws {
        let root = try FactsFakeRoot()
        for cpu in 0..<4 {
            let first = cpu / 2 * 2
            try root.write("/sys/devices/system/cpu/cpu\(cpu)/topology/thread_siblings_list", "\(first)-\(first + 1)")
        }
        let cpu = root.read().cpu
        #expect(cpu.logicalCPUs == 4)
        #expect(cpu.physicalCores == 2)
        #expect(cpu.sockets == nil)
    }

    @Test func legacyEfivarsInterfaceIsRead() throws {
        let root = try FactsFakeRoot()
        try root.bytes("/sys/firmware/efi/vars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c/data", [1])
        #expect(root.read().boot.secureBoot == true)
    }

    @Test func writeOnlyStyleParameterDirectoriesAreSkipped() throws {
        // A directory where a parameter file should be cannot be read; it must not appear or crash.
        let root = try FactsFakeRoot()
        try root.write("/sys/module/kvm_intel/parameters/nested", "Y")
        try root.directory("/sys/module/kvm_intel/parameters/odd")
        #expect(root.read().kvm.parameters == ["nested": "Y"])
    }

    @Test func rootPathWithTrailingSlashWorks() throws {
        let root = try FactsFakeRoot()
        try root.write("/sys/kernel/mm/ksm/run", "2")
        #expect(HostFactsReader(root: root.path + "/").read().ksm.run == 2)
    }
}
