import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("Facts: empty and broken roots")
struct FactsEmptyRootTests {
    @Test func emptyRootGivesTheDefaultValue() throws {
        let root = try FactsFakeRoot()
        let facts = root.read()
        #expect(facts == HostFacts())
        #expect(facts.cpu.logicalCPUs == nil)
        #expect(facts.memory.memTotalKiB == nil)
        #expect(facts.boot.secureBoot == nil)
        #expect(facts.pciDevices.isEmpty)
        #expect(facts.sysctl.isEmpty)
    }

    @Test func missingRootDirectoryGivesTheDefaultValue() {
        let facts = HostFactsReader(root: "/nonexistent/hvh-facts-\(UUID().uuidString)").read()
        #expect(facts == HostFacts())
    }

    @Test func malformedFilesReadAsUnknown() throws {
        let root = try FactsFakeRoot()
        try root.write("/proc/cpuinfo", "garbage without colons\n\n\n")
        try root.write("/proc/meminfo", "MemTotal: lots\nHugePages_Total:\n")
        try root.write("/proc/sys/kernel/tainted", "not a number")
        try root.write("/sys/kernel/mm/ksm/run", "")
        try root.write("/sys/module/module/parameters/sig_enforce", "maybe")
        try root.write("/sys/kernel/security/lockdown", "none integrity")
        try root.write("/sys/class/tpm/tpm0/tpm_version_major", "two")
        try root.directory("/sys/kernel/iommu_groups/not-a-number")
        try root.directory("/sys/firmware/efi/efivars")
        try root.bytes("/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c", [0x06, 0])
        try root.write("/sys/bus/pci/devices/0000:00:00.0/vendor", "zzzz")
        try root.write("/sys/class/dmi/id/sys_vendor", "")

        let facts = root.read()
        #expect(facts.cpu == CPUFacts())
        #expect(facts.memory == MemoryFacts())
        #expect(facts.boot.tainted == nil)
        #expect(facts.boot.moduleSigEnforce == nil)
        #expect(facts.boot.lockdown == nil)
        #expect(facts.boot.uefi)
        #expect(facts.boot.secureBoot == nil)
        #expect(facts.ksm.run == nil)
        #expect(facts.tpm == TPMFacts(present: true, versionMajor: nil, measuredBootLog: false))
        #expect(facts.iommu.groups.isEmpty)
        #expect(!facts.iommu.enabled)
        #expect(facts.pciDevices == [PCIDevice(address: "0000:00:00.0")])
        #expect(facts.platform.dmiVendor == nil)
    }
}
