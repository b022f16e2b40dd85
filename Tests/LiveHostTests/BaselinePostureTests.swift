import Compiler
import Foundation
import Host
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// The posture rules of `BaselinePosture` on facts built in code: each field takes its strongest
/// value only when every host supports it, and says which host held it back.
@Suite struct BaselinePostureTests {
    /// A host on which every host-fact rule of the catalogue holds.
    static func strongHost(_ name: String, devices: [PCIDevice] = []) -> BaselineHost {
        BaselineHost(name: name, facts: HostFacts(
            cpu: CPUFacts(vendor: "GenuineIntel", vmx: true, ept: true, logicalCPUs: 16, physicalCores: 16, sockets: 1),
            kvm: KVMFacts(devKVM: true, module: "kvm_intel", parameters: ["ept": "Y", "nested": "N", "vmentry_l1d_flush": "always"],
                          nxHugePages: "force"),
            boot: BootFacts(uefi: true, secureBoot: true, lockdown: "integrity", moduleSigEnforce: true, tainted: 0),
            tpm: TPMFacts(present: true, versionMajor: 2, measuredBootLog: true),
            iommu: IOMMUFacts(enabled: true, units: ["dmar0"], groups: [IOMMUGroup(id: 1, devices: devices.map(\.address))],
                              allowUnsafeInterrupts: false),
            pciDevices: devices, memory: MemoryFacts(memTotalKiB: 134_217_728), ksm: KSMFacts(run: 0, pagesShared: 0),
            smt: SMTFacts(control: "off", active: false), vulnerabilities: ["meltdown": "Not affected", "spectre_v2": "Mitigation: Enhanced IBRS"],
            mac: MACFacts(apparmorEnabled: true, apparmorSecurityFS: true, apparmorProfiles: ["libvirtd": "enforce"])),
            origin: "test")
    }

    static func posture(_ hosts: [BaselineHost]) -> BaselinePosture {
        BaselinePosture(hosts: hosts.map { BaselineInputHost(host: $0, domains: $0.domains.map { domains in
            domains.map { ($0.name, try! XMLDocument(string: $0.xml)) }
        }) })
    }

    @Test func strongHostsGetTheStrongestPosture() {
        let result = Self.posture([Self.strongHost("a"), Self.strongHost("b")])
        #expect(result.posture == Posture(platform: .bareMetal, virtualization: .hardwareAssisted, bootIntegrity: .required,
                                          passthrough: PassthroughPolicy(mode: .none)))
        #expect(result.reasons.passthrough == "no host assigns a PCI device to a guest")
    }

    @Test func eachWeakHostLowersOnlyItsField() {
        var vm = Self.strongHost("vm01")
        vm.facts.cpu.hypervisor = true
        vm.facts.platform = PlatformFacts(hypervisorFlag: true, isVirtualMachine: true, evidence: ["/proc/cpuinfo has the 'hypervisor' CPU flag"])
        var noKVM = Self.strongHost("old01")
        noKVM.facts.kvm.devKVM = false
        var noTPM = Self.strongHost("tpmless01")
        noTPM.facts.tpm = TPMFacts(present: true, versionMajor: 1)

        #expect(Self.posture([Self.strongHost("a"), vm]).posture.platform == .hosted)
        #expect(Self.posture([Self.strongHost("a"), vm]).reasons.platform
            == "'vm01' runs under a hypervisor (/proc/cpuinfo has the 'hypervisor' CPU flag)")
        #expect(Self.posture([Self.strongHost("a"), vm]).posture.bootIntegrity == .preferred, "a VM's TPM proves nothing")
        let old = Self.posture([Self.strongHost("a"), noKVM])
        #expect(old.posture.virtualization == .software)
        #expect(old.posture.platform == .bareMetal)
        #expect(old.reasons.virtualization == "'old01' lacks /dev/kvm")
        let tpm = Self.posture([noTPM, Self.strongHost("a")])
        #expect(tpm.posture.bootIntegrity == .preferred)
        #expect(tpm.reasons.bootIntegrity == "'tpmless01' has no TPM 2.0, measured-boot log")
        #expect(tpm.posture.virtualization == .hardwareAssisted)
    }

    @Test func vfioBoundDevicesOfFactsOnlyHostsSetTheAllowList() {
        let gpu = PCIDevice(address: "0000:41:00.0", vendorID: "10de", deviceID: "20b5", classCode: "030200", driver: "vfio-pci")
        let nic = PCIDevice(address: "0000:01:00.0", vendorID: "8086", deviceID: "1572", classCode: "020000", driver: "vfio-pci")
        let hostOwned = PCIDevice(address: "0000:02:00.0", vendorID: "8086", deviceID: "1533", classCode: "020000", driver: "igb")
        let bridge = PCIDevice(address: "0000:00:01.0", vendorID: "8086", deviceID: "1901", classCode: "060400", driver: "vfio-pci", isBridge: true)
        let result = Self.posture([Self.strongHost("a", devices: [gpu, hostOwned, bridge]), Self.strongHost("b", devices: [nic, gpu])])
        #expect(result.posture.passthrough == PassthroughPolicy(mode: .pciVFIO, allowedDevices: ["10de:20b5", "8086:1572"],
                                                                  maxDevicesPerDomain: 2, allowUSB: false))
    }

    @Test func onlyVirtualFunctionsGiveSRIOVMode() {
        let vf = PCIDevice(address: "0000:03:10.2", vendorID: "8086", deviceID: "154c", classCode: "020000", driver: "vfio-pci",
                           isVirtualFunction: true, physicalFunction: "0000:03:00.0")
        #expect(Self.posture([Self.strongHost("a", devices: [vf])]).posture.passthrough.mode == .sriovVFOnly)
        let pf = PCIDevice(address: "0000:01:00.0", vendorID: "8086", deviceID: "1572", classCode: "020000", driver: "vfio-pci")
        #expect(Self.posture([Self.strongHost("a", devices: [vf]), Self.strongHost("b", devices: [pf])]).posture.passthrough.mode == .pciVFIO)
    }

    /// With domains known, vfio-pci binding alone does not count: only what domains hold does.
    @Test func knownDomainsDecideOverVFIOBinding() {
        let nic = PCIDevice(address: "0000:01:00.0", vendorID: "8086", deviceID: "1572", classCode: "020000", driver: "vfio-pci")
        var idle = Self.strongHost("idle01", devices: [nic])
        idle.domains = [BaselineDomain(name: "plain", xml: FactFixture.domain("plain"))]
        #expect(Self.posture([idle]).posture.passthrough.mode == .none)

        var busy = Self.strongHost("busy01", devices: [nic])
        let hostdev = "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source></hostdev>"
        let usb = "<hostdev mode='subsystem' type='usb'><source><vendor id='0x046d'/><product id='0xc52b'/></source></hostdev>"
        busy.domains = [BaselineDomain(name: "g1", xml: FactFixture.domain("g1", devices: hostdev + usb))]
        let result = Self.posture([busy])
        #expect(result.posture.passthrough == PassthroughPolicy(mode: .pciVFIO, allowedDevices: ["8086:1572"], maxDevicesPerDomain: 2, allowUSB: true))

        var unknown = Self.strongHost("odd01")
        unknown.domains = [BaselineDomain(name: "g2", xml: FactFixture.domain("g2", devices: hostdev))]
        let odd = Self.posture([unknown])
        #expect(odd.posture.passthrough.mode == .none)
        #expect(odd.notes == ["domain 'g2' on host 'odd01' holds PCI hostdev '0000:01:00.0', which the host's PCI facts do not list; "
            + "it is not on the allow-list and stays a finding"])
    }
}
