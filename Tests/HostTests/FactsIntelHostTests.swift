import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

extension FactsFakeRoot {
    /// An Intel bare-metal KVM host: 1 socket, 4 cores, 8 threads, Secure Boot, TPM 2, VT-d with
    /// a NIC alone in group 12 (bound to vfio-pci) and a GPU, its audio function and the root port
    /// above them in group 13.
    static func intelBareMetal() throws -> FactsFakeRoot {
        let root = try FactsFakeRoot()
        try root.cpuinfo(
            vendor: "GenuineIntel", model: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
            flags: "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov vmx smx est tm2 ssse3 "
                + "fma cx16 xtpr pdcm pcid dca sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand "
                + "lahf_lm abm tpr_shadow vnmi flexpriority ept vpid ept_ad md_clear flush_l1d arch_capabilities",
            vmxFlags: "vnmi preemption_timer posted_intr invvpid ept_x_only ept_ad ept_1gb flexpriority "
                + "apicv tsc_offset vtpr mtf vapic ept vpid unrestricted_guest vapic_reg vid ple",
            layout: (0..<8).map { (physicalID: 0, coreID: $0 % 4) }
        )
        for cpu in 0..<8 {
            let topology = "/sys/devices/system/cpu/cpu\(cpu)/topology"
            try root.write("\(topology)/core_cpus_list", "\(cpu % 4),\(cpu % 4 + 4)")
            try root.write("\(topology)/physical_package_id", "0")
        }
        try root.write("/sys/devices/system/cpu/online", "0-7")
        try root.directory("/sys/devices/system/cpu/cpufreq")

        try root.write("/dev/kvm", "")
        try root.write("/sys/module/kvm_intel/parameters/nested", "N")
        try root.write("/sys/module/kvm_intel/parameters/ept", "Y")
        try root.write("/sys/module/kvm_intel/parameters/vmentry_l1d_flush", "cond")
        try root.write("/sys/module/kvm/parameters/nx_huge_pages", "force")

        try root.write("/sys/class/dmi/id/sys_vendor", "Dell Inc.")
        try root.write("/sys/class/dmi/id/product_name", "PowerEdge R750")

        try root.directory("/sys/firmware/efi/efivars")
        try root.bytes(
            "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c", [0x06, 0, 0, 0, 0x01])
        try root.write("/sys/kernel/security/lockdown", "none [integrity] confidentiality")
        try root.write("/sys/module/module/parameters/sig_enforce", "Y")
        try root.write("/proc/cmdline",
                       "BOOT_IMAGE=/vmlinuz-6.1.0-18-amd64 root=/dev/mapper/vg-root ro intel_iommu=on iommu=pt")
        try root.write("/proc/sys/kernel/osrelease", "6.1.0-18-amd64")
        try root.write("/proc/sys/kernel/tainted", "0")

        try root.write("/sys/class/tpm/tpm0/tpm_version_major", "2")
        try root.bytes("/sys/kernel/security/tpm0/binary_bios_measurements", [0, 0, 0, 0, 3, 0, 0, 0])

        try root.directory("/sys/class/iommu/dmar0")
        try root.directory("/sys/class/iommu/dmar1")
        try root.write("/sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts", "N")
        try root.pciDevice("0000:01:00.0", vendor: "8086", device: "1572", deviceClass: "020000",
                           driver: "vfio-pci", iommuGroup: 12)
        try root.pciDevice("0000:00:01.0", vendor: "8086", device: "1901", deviceClass: "060400",
                           driver: "pcieport", iommuGroup: 13)
        try root.pciDevice("0000:02:00.0", vendor: "10de", device: "1eb8", deviceClass: "030200",
                           driver: "vfio-pci", iommuGroup: 13)
        try root.pciDevice("0000:02:00.1", vendor: "10de", device: "10f8", deviceClass: "040300",
                           driver: "snd_hda_intel", iommuGroup: 13)

        try root.write("/proc/meminfo", """
            MemTotal:       263842124 kB
            MemFree:        201234567 kB
            MemAvailable:   240000000 kB
            HugePages_Total:    1024
            HugePages_Free:     1000
            HugePages_Rsvd:        0
            Hugepagesize:       2048 kB
            """)
        try root.write("/sys/kernel/mm/ksm/run", "0")
        try root.write("/sys/kernel/mm/ksm/pages_shared", "0")
        try root.write("/sys/devices/system/cpu/smt/control", "off")
        try root.write("/sys/devices/system/cpu/smt/active", "0")

        let vulnerabilities = "/sys/devices/system/cpu/vulnerabilities"
        try root.write("\(vulnerabilities)/meltdown", "Not affected")
        try root.write("\(vulnerabilities)/spectre_v2", "Mitigation: Enhanced / Automatic IBRS; IBPB: conditional")
        try root.write("\(vulnerabilities)/mds",
                       "Vulnerable: Clear CPU buffers attempted, no microcode; SMT disabled")
        try root.write("\(vulnerabilities)/l1tf", "Not affected")

        try root.write("/proc/sys/kernel/yama/ptrace_scope", "2")
        try root.write("/proc/sys/vm/unprivileged_userfaultfd", "0")
        try root.write("/proc/sys/kernel/kptr_restrict", "2")
        try root.write("/proc/sys/kernel/dmesg_restrict", "1")
        try root.write("/proc/sys/kernel/unprivileged_bpf_disabled", "2")
        return root
    }
}

@Suite("Facts: Intel bare-metal host")
struct FactsIntelHostTests {
    let root: FactsFakeRoot
    let facts: HostFacts

    init() throws {
        root = try FactsFakeRoot.intelBareMetal()
        facts = root.read()
    }

    @Test func cpuFlagsAndTopology() {
        #expect(facts.cpu == CPUFacts(
            vendor: "GenuineIntel", modelName: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
            vmx: true, svm: false, ept: true, npt: false, hypervisor: false, smx: true, skinit: false,
            logicalCPUs: 8, physicalCores: 4, sockets: 1))
    }

    @Test func kvmIntelModuleAndParameters() {
        #expect(facts.kvm.devKVM)
        #expect(facts.kvm.module == "kvm_intel")
        #expect(facts.kvm.parameters == ["nested": "N", "ept": "Y", "vmentry_l1d_flush": "cond"])
        #expect(facts.kvm.nxHugePages == "force")
    }

    @Test func bareMetalHasNoVirtualMachineEvidence() {
        #expect(facts.platform == PlatformFacts(
            hypervisorFlag: false, sysHypervisorType: nil, dmiVendor: "Dell Inc.",
            dmiProduct: "PowerEdge R750", isVirtualMachine: false, evidence: []))
    }

    @Test func secureBootLockdownAndCmdline() {
        #expect(facts.boot.uefi)
        #expect(facts.boot.secureBoot == true)
        #expect(facts.boot.lockdown == "integrity")
        #expect(facts.boot.moduleSigEnforce == true)
        #expect(facts.boot.kernelCmdline?.contains("intel_iommu=on") == true)
        #expect(facts.boot.kernelCmdline?.hasSuffix("\n") == false)
        #expect(facts.boot.kernelRelease == "6.1.0-18-amd64")
        #expect(facts.boot.tainted == 0)
    }

    @Test func tpm2WithMeasuredBootLog() {
        #expect(facts.tpm == TPMFacts(present: true, versionMajor: 2, measuredBootLog: true))
    }

    @Test func iommuGroupsSortedWithTheirDevices() {
        #expect(facts.iommu.enabled)
        #expect(facts.iommu.units == ["dmar0", "dmar1"])
        #expect(facts.iommu.groups == [
            IOMMUGroup(id: 12, devices: ["0000:01:00.0"]),
            IOMMUGroup(id: 13, devices: ["0000:00:01.0", "0000:02:00.0", "0000:02:00.1"]),
        ])
        #expect(facts.iommu.allowUnsafeInterrupts == false)
    }

    @Test func pciDevicesResolveDriverAndGroupThroughRelativeLinks() throws {
        #expect(facts.pciDevices.map(\.address)
            == ["0000:00:01.0", "0000:01:00.0", "0000:02:00.0", "0000:02:00.1"])
        let nic = try #require(facts.pciDevices.first { $0.address == "0000:01:00.0" })
        #expect(nic == PCIDevice(
            address: "0000:01:00.0", vendorID: "8086", deviceID: "1572", classCode: "020000",
            driver: "vfio-pci", iommuGroup: 12))
        #expect(nic.vendorDevice == "8086:1572")
        let bridge = try #require(facts.pciDevices.first { $0.address == "0000:00:01.0" })
        #expect(bridge.isBridge)
        #expect(bridge.driver == "pcieport")
        #expect(facts.pciDevices.filter(\.isBridge).count == 1)
        let audio = try #require(facts.pciDevices.first { $0.address == "0000:02:00.1" })
        #expect(audio.driver == "snd_hda_intel")
        #expect(audio.iommuGroup == 13)
        #expect(facts.pciDevices.allSatisfy { !$0.isPhysicalFunction && !$0.isVirtualFunction })
    }

    @Test func memoryKSMAndSMT() {
        #expect(facts.memory == MemoryFacts(
            memTotalKiB: 263_842_124, hugePagesTotal: 1024, hugePagesFree: 1000, hugePageSizeKiB: 2048))
        #expect(facts.ksm == KSMFacts(run: 0, pagesShared: 0))
        #expect(facts.smt == SMTFacts(control: "off", active: false))
    }

    @Test func vulnerabilitiesKeepTheirStatusLines() {
        #expect(facts.vulnerabilities.count == 4)
        #expect(facts.vulnerabilities["meltdown"] == "Not affected")
        #expect(facts.vulnerableEntries == ["mds"])
    }

    @Test func sysctlHasOnlyTheKeysPresent() {
        #expect(facts.sysctl == [
            "kernel.yama.ptrace_scope": "2",
            "vm.unprivileged_userfaultfd": "0",
            "kernel.kptr_restrict": "2",
            "kernel.dmesg_restrict": "1",
            "kernel.unprivileged_bpf_disabled": "2",
        ])
        #expect(facts.sysctl["kernel.kexec_load_disabled"] == nil)
    }

    @Test func absoluteLinkTargetsInsideTheRootWorkToo() throws {
        let device = "/sys/devices/pci0000:00/0000:01:00.0"
        try FileManager.default.removeItem(atPath: root.path + device + "/driver")
        try root.symlink(device + "/driver", toRootPath: "/sys/bus/pci/drivers/ixgbe")
        let nic = try #require(root.read().pciDevices.first { $0.address == "0000:01:00.0" })
        #expect(nic.driver == "ixgbe")
    }
}
