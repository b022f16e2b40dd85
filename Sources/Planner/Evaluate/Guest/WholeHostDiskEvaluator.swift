import Compiler

/// B2-2: no `<disk type='block'>` hands the guest a whole host disk. The XML holds only a path,
/// so the judgement is by name and deliberately conservative: only names that plainly are a
/// whole disk are reported (`WholeDiskPath`); device-mapper, LVM and md names never are, since
/// the name does not say what lies below them. Paths listed in `allowedDevices` are accepted.
/// Never fixed: moving a guest off its disk is a storage decision.
struct WholeHostDiskEvaluator: DomainEvaluator {
    static let name = "whole-host-disk"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let allowed = Set(context.value("allowedDevices", of: rule)?.listText ?? [])
        var disks: [String] = []
        for disk in try context.document.select("/domain/devices/disk[@type='block']") {
            guard let dev = try context.document.strings("source/@dev", relativeTo: disk).first,
                  !allowed.contains(dev), WholeDiskPath.isWholeDisk(dev) else { continue }
            let target = try context.document.strings("target/@dev", relativeTo: disk).first.map { " as \($0)" } ?? ""
            disks.append("'\(dev)'\(target) (device='\(disk.attribute("device") ?? "disk")')")
        }
        if disks.isEmpty { return .compliant }
        return .finding("the domain is given whole host disks: " + disks.joined(separator: ", "))
    }
}

/// Whether a block device path names a whole disk rather than a partition, by its name alone.
enum WholeDiskPath {
    /// Kernel names whose whole-disk form is a prefix and letters only (`sdb`, `vdc`, `xvda`).
    static let letterDisks = ["sd", "vd", "xvd", "hd"]
    /// Persistent-name families under /dev/disk/by-id that name hardware (not dm-, md-, lvm-).
    static let hardwareIDs = ["ata-", "scsi-", "wwn-", "nvme-", "usb-", "virtio-", "mmc-"]

    static func isWholeDisk(_ path: String) -> Bool {
        if let id = path.strip(prefix: "/dev/disk/by-id/") {
            return hardwareIDs.contains(where: id.hasPrefix) && !hasPartitionSuffix(id)
        }
        if let byPath = path.strip(prefix: "/dev/disk/by-path/") {
            return !byPath.isEmpty && !hasPartitionSuffix(byPath)
        }
        guard let name = path.strip(prefix: "/dev/"), !name.contains("/") else { return false }
        for prefix in letterDisks {
            if let rest = name.strip(prefix: prefix), !rest.isEmpty, rest.allSatisfy({ $0 >= "a" && $0 <= "z" }) { return true }
        }
        // nvme0n1 is a namespace (a whole disk), nvme0n1p2 a partition; nvme0 is the controller.
        if let rest = name.strip(prefix: "nvme") {
            let parts = rest.split(separator: "n", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
        }
        if let rest = name.strip(prefix: "mmcblk") { return !rest.isEmpty && rest.allSatisfy(\.isASCIIDigit) }
        return false
    }

    /// `…-part3`, as udev names partitions in by-id and by-path.
    static func hasPartitionSuffix(_ name: String) -> Bool {
        guard let range = name.range(of: "-part", options: .backwards) else { return false }
        let number = name[range.upperBound...]
        return !number.isEmpty && number.allSatisfy(\.isASCIIDigit)
    }
}

private extension String {
    func strip(prefix: String) -> String? { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil }
}

private extension Character {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
