import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("Facts: AMD host booted by BIOS")
struct FactsAMDHostTests {
    /// Two sockets of 2 cores with 2 threads each, described only by cpuinfo (no sysfs topology),
    /// so core ids repeat across packages; SVM+NPT, kvm_amd with nesting on, legacy BIOS boot.
    static func amdRoot() throws -> FactsFakeRoot {
        let root = try FactsFakeRoot()
        let layout = [0, 1].flatMap { socket in
            [0, 1, 0, 1].map { (physicalID: socket, coreID: $0) }
        }
        try root.cpuinfo(
            vendor: "AuthenticAMD", model: "AMD EPYC 7543 32-Core Processor",
            flags: "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov svm extapic cr8_legacy "
                + "abm sse4a misalignsse 3dnowprefetch osvw ibs skinit wdt tce topoext npt lbrv svm_lock "
                + "nrip_save tsc_scale vmcb_clean flushbyasid decodeassists pausefilter pfthreshold avic",
            layout: layout
        )
        try root.write("/dev/kvm", "")
        try root.write("/sys/module/kvm_amd/parameters/nested", "1")
        try root.write("/sys/module/kvm_amd/parameters/npt", "1")
        try root.write("/sys/module/kvm_amd/parameters/sev", "N")
        try root.write("/sys/kernel/security/lockdown", "[none] integrity confidentiality")
        try root.write("/sys/module/module/parameters/sig_enforce", "N")
        try root.write("/sys/class/dmi/id/sys_vendor", "Supermicro")
        try root.write("/sys/class/dmi/id/product_name", "AS -2124US-TNRP")
        try root.directory("/sys/class/iommu/ivhd0")
        try root.pciDevice("0000:41:00.0", vendor: "1022", device: "1482", deviceClass: "060000", iommuGroup: 0)
        try root.write("/sys/devices/system/cpu/smt/control", "on")
        try root.write("/sys/devices/system/cpu/smt/active", "1")
        try root.write("/sys/kernel/mm/ksm/run", "1")
        try root.write("/sys/kernel/mm/ksm/pages_shared", "5321")
        return root
    }

    @Test func svmAndNptWithTopologyFromCpuinfo() throws {
        let cpu = try Self.amdRoot().read().cpu
        #expect(cpu == CPUFacts(
            vendor: "AuthenticAMD", modelName: "AMD EPYC 7543 32-Core Processor",
            vmx: false, svm: true, ept: false, npt: true, hypervisor: false, smx: false, skinit: true,
            logicalCPUs: 8, physicalCores: 4, sockets: 2))
    }

    @Test func kvmAMDModuleParameters() throws {
        let kvm = try Self.amdRoot().read().kvm
        #expect(kvm == KVMFacts(
            devKVM: true, module: "kvm_amd", parameters: ["nested": "1", "npt": "1", "sev": "N"], nxHugePages: nil))
    }

    @Test func biosBootHasNoSecureBootAnswer() throws {
        let boot = try Self.amdRoot().read().boot
        #expect(!boot.uefi)
        #expect(boot.secureBoot == nil)
        #expect(boot.lockdown == "none")
        #expect(boot.moduleSigEnforce == false)
    }

    @Test func iommuUnitWithoutTPMAndActiveSharing() throws {
        let facts = try Self.amdRoot().read()
        #expect(facts.iommu.units == ["ivhd0"])
        #expect(facts.iommu.groups == [IOMMUGroup(id: 0, devices: ["0000:41:00.0"])])
        #expect(facts.iommu.allowUnsafeInterrupts == nil)
        #expect(facts.pciDevices.first?.driver == nil)
        #expect(facts.pciDevices.first?.isBridge == false)
        #expect(facts.tpm == TPMFacts())
        #expect(facts.smt == SMTFacts(control: "on", active: true))
        #expect(facts.ksm == KSMFacts(run: 1, pagesShared: 5321))
        #expect(!facts.platform.isVirtualMachine)
    }

    @Test func vendorModuleFollowsTheCPUWhenBothAreInTheTree() throws {
        let root = try Self.amdRoot()
        try root.write("/sys/module/kvm_intel/parameters/nested", "Y")
        #expect(root.read().kvm.module == "kvm_amd")
    }
}
