import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("Facts: nested (virtual machine) host")
struct FactsNestedHostTests {
    /// A KVM guest used as a host: the hypervisor flag, QEMU's DMI strings, a /dev/kvm node but no
    /// vmx in cpuinfo (the trap docs/controls.md warns about), and Secure Boot off.
    static func nestedRoot() throws -> FactsFakeRoot {
        let root = try FactsFakeRoot()
        try root.cpuinfo(
            vendor: "GenuineIntel", model: "Intel Xeon Processor (Icelake)",
            flags: "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx "
                + "fxsr sse sse2 ss syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology "
                + "cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic hypervisor",
            layout: [(physicalID: 0, coreID: 0), (physicalID: 1, coreID: 0)]
        )
        try root.write("/dev/kvm", "")
        try root.write("/sys/module/kvm/parameters/nx_huge_pages", "never")
        try root.write("/sys/class/dmi/id/sys_vendor", "QEMU")
        try root.write("/sys/class/dmi/id/product_name", "Standard PC (Q35 + ICH9, 2009)")
        try root.directory("/sys/firmware/efi/efivars")
        try root.bytes(
            "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c", [0x06, 0, 0, 0, 0x00])
        try root.write("/proc/sys/kernel/tainted", "4096")
        return root
    }

    @Test func hypervisorFlagAndQEMUVendorAreBothEvidence() throws {
        let platform = try Self.nestedRoot().read().platform
        #expect(platform.isVirtualMachine)
        #expect(platform.hypervisorFlag)
        #expect(platform.dmiVendor == "QEMU")
        #expect(platform.dmiProduct == "Standard PC (Q35 + ICH9, 2009)")
        #expect(platform.evidence.count == 2)
        #expect(platform.evidence.first?.contains("'hypervisor'") == true)
        #expect(platform.evidence.last == "DMI sys_vendor 'QEMU' matches the virtual machine vendor 'QEMU'")
    }

    @Test func deviceNodeWithoutHardwareVirtualization() throws {
        let facts = try Self.nestedRoot().read()
        #expect(facts.kvm.devKVM)
        #expect(facts.kvm.module == nil)
        #expect(facts.kvm.parameters.isEmpty)
        #expect(facts.kvm.nxHugePages == "never")
        #expect(!facts.cpu.vmx && !facts.cpu.svm && !facts.cpu.ept)
        #expect(facts.cpu.hypervisor)
        // No sysfs topology: one core per package in cpuinfo.
        #expect(facts.cpu.physicalCores == 2)
        #expect(facts.cpu.sockets == 2)
    }

    @Test func secureBootOffAndOutOfTreeTaint() throws {
        let boot = try Self.nestedRoot().read().boot
        #expect(boot.uefi)
        #expect(boot.secureBoot == false)
        #expect(boot.tainted.map { $0 & (1 << 12) != 0 } == true)
    }

    @Test func sysHypervisorTypeAloneIsEvidence() throws {
        let root = try FactsFakeRoot()
        try root.write("/sys/hypervisor/type", "xen")
        let platform = root.read().platform
        #expect(platform.sysHypervisorType == "xen")
        #expect(platform.isVirtualMachine)
        #expect(platform.evidence == ["/sys/hypervisor/type is 'xen'"])
    }

    @Test func smbiosVirtualMachineBitIsEvidence() throws {
        let root = try FactsFakeRoot()
        // SMBIOS type 0, length 0x18, extension byte 2 (offset 0x13) with bit 4 set.
        var raw = [UInt8](repeating: 0, count: 0x18)
        raw[1] = 0x18
        raw[0x13] = 0x10
        try root.bytes("/sys/firmware/dmi/entries/0-0/raw", raw)
        let platform = root.read().platform
        #expect(platform.smbiosVirtualMachineBit == true)
        #expect(platform.isVirtualMachine)
        #expect(platform.evidence.count == 1)
    }

    @Test func devKVMMustBeACharacterDeviceOnTheRealRoot() throws {
        #expect(KVMFacts.isDeviceNode(.typeCharacterSpecial, underFakeRoot: false))
        #expect(!KVMFacts.isDeviceNode(.typeRegular, underFakeRoot: false))
        #expect(KVMFacts.isDeviceNode(.typeRegular, underFakeRoot: true))
        #expect(!KVMFacts.isDeviceNode(.typeDirectory, underFakeRoot: true))
        #expect(!KVMFacts.isDeviceNode(nil, underFakeRoot: true))
        // The type really is read from the node: /dev/null is a character device on any Linux.
        #expect(FactsDirectory(root: "/").fileType("/dev/null") == .typeCharacterSpecial)
        let root = try FactsFakeRoot()
        try root.directory("/dev/kvm")
        #expect(!root.read().kvm.devKVM)
    }

    @Test(arguments: [
        ("QEMU", "Standard PC (i440FX + PIIX, 1996)", true),
        ("Red Hat", "KVM", true),
        ("VMware, Inc.", "VMware Virtual Platform", true),
        ("Microsoft Corporation", "Virtual Machine", true),
        ("Microsoft Corporation", "Surface Laptop 5", false),
        ("Xen", "HVM domU", true),
        ("innotek GmbH", "VirtualBox", true),
        ("Amazon EC2", "m5.large", true),
        ("Amazon EC2", "m5.metal", false),
        ("Amazon EC2", "c7g.metal-48xl", false),
        ("Google", "Google Compute Engine", true),
        ("Google", "Pixelbook", false),
        ("OpenStack Foundation", "OpenStack Nova", true),
        ("Dell Inc.", "PowerEdge R750", false),
        ("Supermicro", "SYS-1029P-WTR", false),
        ("To Be Filled By O.E.M.", "To Be Filled By O.E.M.", false),
    ])
    func knownVirtualMachineVendors(vendor: String, product: String, isVirtual: Bool) throws {
        let root = try FactsFakeRoot()
        try root.write("/sys/class/dmi/id/sys_vendor", vendor)
        try root.write("/sys/class/dmi/id/product_name", product)
        let platform = root.read().platform
        #expect(platform.isVirtualMachine == isVirtual, "\(vendor) / \(product)")
        #expect(platform.evidence.count == (isVirtual ? 1 : 0))
    }
}
