import Compiler
import Host
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// The passthrough rules (domain-passthrough.yaml) in each mode, each failure with facts built here.
@Suite struct PassthroughEvaluatorTests {
    // MARK: Fixtures

    static let x710 = PCIDevice(address: "0000:01:00.0", vendorID: "8086", deviceID: "1572", classCode: "020000", driver: "vfio-pci", iommuGroup: 12)
    static let x710Port2 = PCIDevice(address: "0000:01:00.1", vendorID: "8086", deviceID: "1572", classCode: "020000", driver: "i40e", iommuGroup: 12)
    static let rootPort = PCIDevice(address: "0000:00:01.0", vendorID: "8086", deviceID: "1901", classCode: "060400", driver: "pcieport", iommuGroup: 12, isBridge: true)
    static let pf = PCIDevice(address: "0000:03:00.0", vendorID: "8086", deviceID: "1572", classCode: "020000", driver: "i40e", iommuGroup: 20, isPhysicalFunction: true, sriovNumVFs: 4, sriovTotalVFs: 64)
    static let idlePF = PCIDevice(address: "0000:04:00.0", vendorID: "8086", deviceID: "1572", classCode: "020000", driver: "vfio-pci", iommuGroup: 30, isPhysicalFunction: true, sriovNumVFs: 0, sriovTotalVFs: 64)
    static let vf = PCIDevice(address: "0000:03:10.2", vendorID: "8086", deviceID: "154c", classCode: "020000", driver: "vfio-pci", iommuGroup: 41, isVirtualFunction: true, physicalFunction: "0000:03:00.0")

    static func facts(_ devices: PCIDevice...) -> HostFacts {
        let groups = Dictionary(grouping: devices.filter { $0.iommuGroup != nil }, by: { $0.iommuGroup! })
            .map { IOMMUGroup(id: $0.key, devices: $0.value.map(\.address).sorted()) }.sorted { $0.id < $1.id }
        return HostFacts(iommu: IOMMUFacts(enabled: !groups.isEmpty, groups: groups), pciDevices: devices)
    }

    static func posture(_ mode: PassthroughPolicy.Mode, allowed: [String] = ["8086:1572", "8086:154c"], max: Int = 2, usb: Bool = false) -> Posture {
        Posture(passthrough: PassthroughPolicy(mode: mode, allowedDevices: allowed, maxDevicesPerDomain: max, allowUSB: usb))
    }

    static func hostdev(_ bus: String, _ slot: String, _ function: String, managed: String? = "yes", driver: String? = "vfio") -> String {
        let managedAttribute = managed.map { " managed='\($0)'" } ?? ""
        let driverElement = driver.map { "<driver name='\($0)'/>" } ?? ""
        return "<hostdev mode='subsystem' type='pci'\(managedAttribute)>\(driverElement)<source><address domain='0x0000' bus='\(bus)' slot='\(slot)' function='\(function)'/></source></hostdev>"
    }

    static let vfInterface = "<interface type='hostdev' managed='yes'><mac address='52:54:00:6d:90:02'/><driver name='vfio'/><source><address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x2'/></source></interface>"
    static let usbHostdev = "<hostdev mode='subsystem' type='usb' managed='yes'><source><vendor id='0x0529'/><product id='0x0620'/></source></hostdev>"
    static let redirdev = "<controller type='usb' model='qemu-xhci'/><redirdev bus='usb' type='spicevmc'/>"

    static func run(_ id: String, _ devices: String, facts: HostFacts = HostFacts(), _ posture: Posture) throws -> Outcome {
        try FactFixture.evaluateDomain(id, FactFixture.domain(devices: devices), facts: facts, posture: posture)
    }

    // MARK: mode none

    @Test func modeNoneAcceptsAGuestWithoutHostDevices() throws {
        let nic = "<interface type='network'><source network='default'/><model type='virtio'/></interface>"
        #expect(try Self.run("domain-passthrough-none", nic, Self.posture(.none)) == .compliant)
    }

    @Test func modeNoneForbidsPCIHostdevAndHostdevInterface() throws {
        let message = try #require(try Self.run("domain-passthrough-none", Self.hostdev("0x01", "0x00", "0x0") + Self.vfInterface, Self.posture(.none)).findingText)
        #expect(message.contains("passthrough mode is 'none'"))
        #expect(message.contains("PCI hostdev '0000:01:00.0'"))
        #expect(message.contains("interface type='hostdev' '0000:03:10.2'"))
    }

    @Test func modeNoneForbidsSCSIAndMediatedHostdevs() throws {
        let mdev = "<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source></hostdev>"
        let message = try #require(try Self.run("domain-passthrough-none", mdev, Self.posture(.none)).findingText)
        #expect(message.contains("hostdev mode='subsystem' type='mdev'"))
    }

    @Test func modeNoneLeavesUSBToTheUSBRule() throws {
        // Each device is reported by one rule: USB by domain-no-usb-passthrough, per allowUSB.
        #expect(try Self.run("domain-passthrough-none", Self.usbHostdev + Self.redirdev, Self.posture(.none)) == .compliant)
        #expect(try Self.run("domain-no-usb-passthrough", Self.usbHostdev, Self.posture(.none)).isNoncompliant)
        #expect(try Self.run("domain-no-usb-passthrough", Self.usbHostdev, Self.posture(.none, usb: true)) == .compliant)
    }

    // MARK: pci-vfio

    @Test func pciVFIOAcceptsTheLabDeviceDoneRight() throws {
        let facts = Self.facts(Self.x710)
        let device = Self.hostdev("0x01", "0x00", "0x0")
        for id in ["domain-passthrough-allowlist", "domain-passthrough-max-devices", "domain-hostdev-managed-vfio",
                   "domain-passthrough-iommu-isolation", "domain-passthrough-no-physical-function"] {
            #expect(try Self.run(id, device, facts: facts, Self.posture(.pciVFIO)) == .compliant, "\(id)")
        }
    }

    @Test func allowlistReadsTheIdFromTheHost() throws {
        let facts = Self.facts(Self.x710)
        let message = try #require(try Self.run("domain-passthrough-allowlist", Self.hostdev("0x01", "0x00", "0x0"), facts: facts, Self.posture(.pciVFIO, allowed: ["10de:1eb8"])).findingText)
        #expect(message.contains("'0000:01:00.0' is '8086:1572', which is not in passthrough.allowedDevices"))
        #expect(message.contains("(allowed: '10de:1eb8')"))
    }

    @Test func allowlistComparesIdsCaseInsensitively() throws {
        #expect(try Self.run("domain-passthrough-allowlist", Self.hostdev("0x01", "0x00", "0x0"), facts: Self.facts(Self.x710), Self.posture(.pciVFIO, allowed: ["8086:1572".uppercased()])) == .compliant)
    }

    @Test func aDeviceMissingFromTheFactsCannotBeProven() throws {
        let device = Self.hostdev("0x02", "0x00", "0x0")
        let facts = Self.facts(Self.x710)
        for id in ["domain-passthrough-allowlist", "domain-passthrough-iommu-isolation", "domain-passthrough-no-physical-function"] {
            let message = try #require(try Self.run(id, device, facts: facts, Self.posture(.pciVFIO)).findingText, "\(id)")
            #expect(message.contains("'0000:02:00.0' is not among the host's PCI devices"), "\(id)")
            #expect(message.contains("cannot be proven"), "\(id)")
        }
    }

    @Test func mediatedDevicesCannotBeMatchedAgainstThePCIAllowList() throws {
        let mdev = "<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source></hostdev>"
        let message = try #require(try Self.run("domain-passthrough-allowlist", mdev, Self.posture(.pciVFIO)).findingText)
        #expect(message.contains("type='mdev' cannot be matched against the PCI allow-list"))
    }

    @Test func maxDevicesCountsEveryKindOfHostDevice() throws {
        let devices = Self.hostdev("0x01", "0x00", "0x0") + Self.vfInterface + Self.usbHostdev
        let message = try #require(try Self.run("domain-passthrough-max-devices", devices, Self.posture(.pciVFIO, max: 2, usb: true)).findingText)
        #expect(message.contains("holds 3 host devices"))
        #expect(message.contains("maxDevicesPerDomain is 2"))
        #expect(try Self.run("domain-passthrough-max-devices", devices, Self.posture(.pciVFIO, max: 3, usb: true)) == .compliant)
    }

    @Test func onlyANonVFIODriverIsABackendFinding() throws {
        let kvm = Self.hostdev("0x01", "0x00", "0x0", managed: "yes", driver: "kvm")
        let message = try #require(try Self.run("domain-hostdev-managed-vfio", kvm, Self.posture(.pciVFIO)).findingText)
        #expect(message == "PCI hostdev '0000:01:00.0' has driver name='kvm', not VFIO")
        // No driver element is VFIO on libvirt 9.0, and managed='no' is another rule's concern.
        for (managed, driver) in [("yes", nil), ("no", nil), (nil, "vfio")] as [(String?, String?)] {
            let device = Self.hostdev("0x01", "0x00", "0x0", managed: managed, driver: driver)
            #expect(try Self.run("domain-hostdev-managed-vfio", device, Self.posture(.pciVFIO)) == .compliant, "\(managed ?? "-") \(driver ?? "-")")
        }
    }

    @Test func labGPU01IsUnmanagedAtLowSeverity() throws {
        let rule = try #require(GuestHarness.catalogue?.rule("domain-hostdev-managed"))
        #expect(rule.severity == .low)
        let device = Self.hostdev("0x01", "0x00", "0x0", managed: "no", driver: nil)
        #expect(try Self.run("domain-hostdev-managed", device, Self.posture(.pciVFIO)).isNoncompliant)
        #expect(try Self.run("domain-hostdev-managed", Self.hostdev("0x01", "0x00", "0x0", managed: "yes", driver: nil), Self.posture(.pciVFIO)) == .compliant)
    }

    @Test func iommuGroupSharedWithAHostDeviceIsAFinding() throws {
        let facts = Self.facts(Self.x710, Self.x710Port2, Self.rootPort)
        let message = try #require(try Self.run("domain-passthrough-iommu-isolation", Self.hostdev("0x01", "0x00", "0x0"), facts: facts, Self.posture(.pciVFIO)).findingText)
        #expect(message.contains("'0000:01:00.0' shares IOMMU group 12 with '0000:01:00.1' (driver 'i40e')"))
        #expect(!message.contains("0000:00:01.0"), "the bridge in the group is excepted")
    }

    @Test func assigningTheWholeGroupToOneDomainIsIsolated() throws {
        let facts = Self.facts(Self.x710, Self.x710Port2, Self.rootPort)
        let both = Self.hostdev("0x01", "0x00", "0x0") + Self.hostdev("0x01", "0x00", "0x1")
        #expect(try Self.run("domain-passthrough-iommu-isolation", both, facts: facts, Self.posture(.pciVFIO)) == .compliant)
    }

    @Test func aDeviceWithoutIOMMUGroupIsNotIsolated() throws {
        var device = Self.x710
        device.iommuGroup = nil
        let message = try #require(try Self.run("domain-passthrough-iommu-isolation", Self.hostdev("0x01", "0x00", "0x0"), facts: Self.facts(device), Self.posture(.pciVFIO)).findingText)
        #expect(message.contains("'0000:01:00.0' has no IOMMU group"))
    }

    @Test func groupMembersFallBackToThePCIDevicesWhenGroupsWereNotRead() throws {
        let facts = HostFacts(pciDevices: [Self.x710, Self.x710Port2])
        #expect(try Self.run("domain-passthrough-iommu-isolation", Self.hostdev("0x01", "0x00", "0x0"), facts: facts, Self.posture(.pciVFIO))
            .findingText?.contains("'0000:01:00.1'") == true)
    }

    @Test func pciVFIOForbidsAPhysicalFunctionWithVFsButNotAnIdleOne() throws {
        let facts = Self.facts(Self.pf, Self.idlePF)
        let busy = try #require(try Self.run("domain-passthrough-no-physical-function", Self.hostdev("0x03", "0x00", "0x0"), facts: facts, Self.posture(.pciVFIO)).findingText)
        #expect(busy.contains("'0000:03:00.0' is an SR-IOV physical function (4 of 64 VFs enabled)"))
        #expect(try Self.run("domain-passthrough-no-physical-function", Self.hostdev("0x04", "0x00", "0x0"), facts: facts, Self.posture(.pciVFIO)) == .compliant)
    }

    // MARK: sriov-vf-only

    @Test func sriovVFOnlyAcceptsAVirtualFunctionInterface() throws {
        let facts = Self.facts(Self.pf, Self.vf)
        for id in ["domain-passthrough-allowlist", "domain-hostdev-managed-vfio", "domain-passthrough-iommu-isolation", "domain-passthrough-no-physical-function"] {
            #expect(try Self.run(id, Self.vfInterface, facts: facts, Self.posture(.sriovVFOnly)) == .compliant, "\(id)")
        }
    }

    @Test func sriovVFOnlyForbidsEveryPhysicalFunctionAndPlainDevices() throws {
        let facts = Self.facts(Self.idlePF, Self.x710)
        let idle = try #require(try Self.run("domain-passthrough-no-physical-function", Self.hostdev("0x04", "0x00", "0x0"), facts: facts, Self.posture(.sriovVFOnly)).findingText)
        #expect(idle.contains("'0000:04:00.0' is an SR-IOV physical function (0 of 64 VFs enabled)"))
        let plain = try #require(try Self.run("domain-passthrough-no-physical-function", Self.hostdev("0x01", "0x00", "0x0"), facts: facts, Self.posture(.sriovVFOnly)).findingText)
        #expect(plain.contains("'0000:01:00.0' is not an SR-IOV virtual function"))
    }

    @Test func devicesRulesDoNotApplyWithoutPCIDevices() throws {
        for id in ["domain-passthrough-allowlist", "domain-hostdev-managed-vfio", "domain-passthrough-iommu-isolation", "domain-passthrough-no-physical-function"] {
            #expect(try Self.run(id, "", Self.posture(.sriovVFOnly)).notApplicableReason != nil, "\(id)")
        }
    }

    // MARK: USB and redirection, in any mode

    @Test func usbRedirectionNeedsAllowUSB() throws {
        let message = try #require(try Self.run("domain-no-usb-passthrough", Self.redirdev, Self.posture(.pciVFIO)).findingText)
        #expect(message.contains("passthrough.allowUSB is false but the domain has redirdev bus='usb' type='spicevmc'"))
    }

    @Test func allowedRedirectionMustEndInACatchAllDeny() throws {
        let allowUSB = Self.posture(.none, usb: true)
        let unfiltered = try #require(try Self.run("domain-usb-redirection-filtered", Self.redirdev, allowUSB).findingText)
        #expect(unfiltered.contains("no <redirfilter> rule"))
        let allowAll = Self.redirdev + "<redirfilter><usbdev class='0x08' allow='no'/><usbdev allow='yes'/></redirfilter>"
        #expect(try Self.run("domain-usb-redirection-filtered", allowAll, allowUSB).findingText?.contains("<usbdev allow='yes'/>") == true)
        let narrowDeny = Self.redirdev + "<redirfilter><usbdev class='0x0b' allow='yes'/><usbdev class='0x08' allow='no'/></redirfilter>"
        #expect(try Self.run("domain-usb-redirection-filtered", narrowDeny, allowUSB).isNoncompliant)
        let defaultDeny = Self.redirdev + "<redirfilter><usbdev class='0x0b' allow='yes'/><usbdev class='-1' allow='no'/></redirfilter>"
        #expect(try Self.run("domain-usb-redirection-filtered", defaultDeny, allowUSB) == .compliant)
        // Without allowUSB the redirdev itself is the finding (domain-no-usb-passthrough), not its filter.
        #expect(try Self.run("domain-usb-redirection-filtered", Self.redirdev, Self.posture(.none)).notApplicableReason != nil)
    }

    @Test func smartcardIsForbiddenInEveryMode() throws {
        for mode in PassthroughPolicy.Mode.allCases {
            #expect(try Self.run("domain-no-smartcard", "<smartcard mode='host'/>", Self.posture(mode, usb: true)).isNoncompliant)
        }
    }
}
