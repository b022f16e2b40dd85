import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

/// Reads this machine's own /proc and /sys. Only invariants that hold on every Linux machine are
/// asserted, since the machine may be bare metal, a VM or a container.
@Suite("Facts: the real root")
struct FactsRealRootTests {
    let facts = HostFactsReader().read()

    @Test func processorsAndMemoryAreAlwaysThere() throws {
        let logical = try #require(facts.cpu.logicalCPUs)
        #expect(logical >= 1)
        if let cores = facts.cpu.physicalCores {
            #expect(cores >= 1 && cores <= logical)
            if let sockets = facts.cpu.sockets { #expect(sockets >= 1 && sockets <= cores) }
        }
        #expect(try #require(facts.memory.memTotalKiB) > 0)
        if let total = facts.memory.hugePagesTotal, let free = facts.memory.hugePagesFree {
            #expect(free <= total)
        }
        #expect(facts.boot.kernelCmdline != nil)
        #expect(facts.boot.kernelRelease?.isEmpty == false)
        #expect(facts.boot.tainted != nil)
    }

    @Test func derivedFieldsAgreeWithTheirSources() {
        #expect(facts.platform.isVirtualMachine == !facts.platform.evidence.isEmpty)
        #expect(facts.platform.hypervisorFlag == facts.cpu.hypervisor)
        if !facts.boot.uefi { #expect(facts.boot.secureBoot == nil) }
        #expect(facts.iommu.enabled == !facts.iommu.groups.isEmpty)
        #expect(facts.iommu.groups.map(\.id) == facts.iommu.groups.map(\.id).sorted())
        if facts.kvm.module == nil { #expect(facts.kvm.parameters.isEmpty) }
        #expect(Set(facts.sysctl.keys).isSubset(of: HostFacts.sysctlKeys))
        #expect(facts.vulnerabilities.values.allSatisfy { !$0.hasSuffix("\n") })
    }

    @Test func pciDevicesAreWellFormedAndMatchTheirGroups() {
        let hex = { (text: String, count: Int) in
            text.count == count && text.allSatisfy { "0123456789abcdef".contains($0) }
        }
        #expect(facts.pciDevices.map(\.address) == facts.pciDevices.map(\.address).sorted())
        for device in facts.pciDevices {
            #expect(device.address.split(separator: ":").count == 3, "\(device.address)")
            #expect(hex(device.vendorID, 4), "\(device.address)")
            #expect(hex(device.deviceID, 4), "\(device.address)")
            #expect(hex(device.classCode, 6), "\(device.address)")
            #expect(device.isBridge == device.classCode.hasPrefix("0604"))
            #expect(device.isVirtualFunction == (device.physicalFunction != nil))
            if let group = device.iommuGroup {
                let members = facts.iommu.groups.first { $0.id == group }?.devices ?? []
                #expect(members.contains(device.address), "\(device.address) in group \(group)")
            }
        }
    }

    @Test func realFactsSurviveAJSONRoundTrip() throws {
        #expect(try HostFacts(jsonData: facts.jsonData()) == facts)
    }
}
