import Foundation
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

/// A throwaway directory that stands in for "/" so `HostFactsReader` can be pointed at a fake
/// /proc and /sys built from inline strings. Removed when the value goes away.
final class FactsFakeRoot {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "hvh-facts-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Reads the facts of this tree. A method rather than a `reader` property on purpose: in
    /// `try FactsFakeRoot.x().read()` the root must stay alive (and on disk) until the read ends.
    func read() -> HostFacts {
        withExtendedLifetime(self) { HostFactsReader(root: path).read() }
    }

    /// Writes `contents` (plus the trailing newline sysfs and procfs always add) at `file`.
    func write(_ file: String, _ contents: String) throws {
        try bytes(file, Array((contents + "\n").utf8))
    }

    func bytes(_ file: String, _ bytes: [UInt8]) throws {
        let full = path + file
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: full])
        }
    }

    func directory(_ directory: String) throws {
        try FileManager.default.createDirectory(atPath: path + directory, withIntermediateDirectories: true)
    }

    /// A symlink at `link` whose destination is written exactly as given: relative, like real
    /// sysfs links ("../../../bus/pci/drivers/vfio-pci"), or absolute.
    func symlink(_ link: String, to destination: String) throws {
        let full = path + link
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: destination)
    }

    /// A symlink whose destination is an absolute path inside this fake root.
    func symlink(_ link: String, toRootPath destination: String) throws {
        try symlink(link, to: path + destination)
    }

    /// `/proc/cpuinfo` with one block per (physical id, core id) entry, as the kernel lays it out.
    func cpuinfo(vendor: String, model: String, flags: String, vmxFlags: String? = nil,
                 layout: [(physicalID: Int, coreID: Int)]) throws {
        let blocks = layout.enumerated().map { index, cpu in
            var lines = [
                "processor\t: \(index)",
                "vendor_id\t: \(vendor)",
                "cpu family\t: 6",
                "model name\t: \(model)",
                "physical id\t: \(cpu.physicalID)",
                "siblings\t: \(layout.count)",
                "core id\t\t: \(cpu.coreID)",
                "flags\t\t: \(flags)",
            ]
            if let vmxFlags { lines.append("vmx flags\t: \(vmxFlags)") }
            lines.append("bugs\t\t: spectre_v1 spectre_v2")
            return lines.joined(separator: "\n") + "\n"
        }
        try write("/proc/cpuinfo", blocks.joined(separator: "\n"))
    }

    /// A PCI function laid out like real sysfs: the device directory under /sys/devices, a
    /// relative link to it from /sys/bus/pci/devices, and relative driver/iommu_group links.
    func pciDevice(_ address: String, vendor: String, device: String, deviceClass: String,
                   driver: String? = nil, iommuGroup: Int? = nil) throws {
        let real = "/sys/devices/pci0000:00/\(address)"
        try write("\(real)/vendor", "0x\(vendor)")
        try write("\(real)/device", "0x\(device)")
        try write("\(real)/class", "0x\(deviceClass)")
        try symlink("/sys/bus/pci/devices/\(address)", to: "../../../devices/pci0000:00/\(address)")
        if let driver {
            try directory("/sys/bus/pci/drivers/\(driver)")
            try symlink("\(real)/driver", to: "../../../bus/pci/drivers/\(driver)")
        }
        if let iommuGroup {
            try symlink("\(real)/iommu_group", to: "../../../kernel/iommu_groups/\(iommuGroup)")
            try symlink("/sys/kernel/iommu_groups/\(iommuGroup)/devices/\(address)",
                        to: "../../../../devices/pci0000:00/\(address)")
        }
    }
}
