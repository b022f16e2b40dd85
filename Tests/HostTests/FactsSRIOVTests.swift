import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("Facts: SR-IOV physical and virtual functions")
struct FactsSRIOVTests {
    /// An X710 PF with one of 64 VFs enabled, the VF in its own IOMMU group, plus a device that
    /// has the SR-IOV attributes but supports 0 VFs.
    static func sriovRoot() throws -> FactsFakeRoot {
        let root = try FactsFakeRoot()
        try root.pciDevice("0000:03:00.0", vendor: "8086", device: "1572", deviceClass: "020000",
                           driver: "i40e", iommuGroup: 9)
        try root.write("/sys/devices/pci0000:00/0000:03:00.0/sriov_totalvfs", "64")
        try root.write("/sys/devices/pci0000:00/0000:03:00.0/sriov_numvfs", "1")
        try root.pciDevice("0000:03:02.0", vendor: "8086", device: "154c", deviceClass: "020000",
                           driver: "vfio-pci", iommuGroup: 10)
        try root.symlink("/sys/devices/pci0000:00/0000:03:02.0/physfn", to: "../0000:03:00.0")
        try root.pciDevice("0000:04:00.0", vendor: "15b3", device: "1017", deviceClass: "020000",
                           driver: "mlx5_core", iommuGroup: 11)
        try root.write("/sys/devices/pci0000:00/0000:04:00.0/sriov_totalvfs", "0")
        try root.write("/sys/devices/pci0000:00/0000:04:00.0/sriov_numvfs", "0")
        return root
    }

    @Test func physicalFunctionReportsItsVFCounts() throws {
        let root = try Self.sriovRoot()
        let pf = try #require(root.read().pciDevices.first { $0.address == "0000:03:00.0" })
        #expect(pf.isPhysicalFunction)
        #expect(!pf.isVirtualFunction)
        #expect(pf.physicalFunction == nil)
        #expect(pf.sriovTotalVFs == 64)
        #expect(pf.sriovNumVFs == 1)
    }

    @Test func virtualFunctionPointsAtItsPhysicalFunction() throws {
        let root = try Self.sriovRoot()
        let vf = try #require(root.read().pciDevices.first { $0.address == "0000:03:02.0" })
        #expect(vf == PCIDevice(
            address: "0000:03:02.0", vendorID: "8086", deviceID: "154c", classCode: "020000",
            driver: "vfio-pci", iommuGroup: 10, isVirtualFunction: true, physicalFunction: "0000:03:00.0"))
    }

    @Test func zeroTotalVFsIsNotAPhysicalFunction() throws {
        let root = try Self.sriovRoot()
        let nic = try #require(root.read().pciDevices.first { $0.address == "0000:04:00.0" })
        #expect(!nic.isPhysicalFunction)
        #expect(nic.sriovTotalVFs == 0)
    }

    @Test func groupsSortNumericallyNotAsText() throws {
        let root = try Self.sriovRoot()
        // As text "10" < "11" < "9"; as numbers 9 comes first.
        #expect(root.read().iommu.groups.map(\.id) == [9, 10, 11])
    }
}
