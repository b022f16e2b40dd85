import Foundation

/// Whether the host is itself a virtual machine, with the evidence for the verdict.
///
/// Any single piece of evidence makes `isVirtualMachine` true; the absence of evidence does not
/// prove bare metal (an unknown hypervisor can hide all of it), which is why `evidence` lists
/// exactly what was seen.
public struct PlatformFacts: Codable, Sendable, Equatable {
    /// The `hypervisor` CPU flag from `/proc/cpuinfo`.
    public var hypervisorFlag: Bool
    /// `/sys/hypervisor/type` (e.g. "xen"); nil when absent.
    public var sysHypervisorType: String?
    /// `/sys/class/dmi/id/sys_vendor`; nil when absent or empty (containers, non-DMI platforms).
    public var dmiVendor: String?
    /// `/sys/class/dmi/id/product_name`; nil when absent or empty.
    public var dmiProduct: String?
    /// The SMBIOS "virtual machine" bit (BIOS characteristics extension byte 2, bit 4) from
    /// `/sys/firmware/dmi/entries/0-0/raw`; nil when that root-only file is unreadable or too short.
    public var smbiosVirtualMachineBit: Bool?
    /// True when any evidence says the host runs under a hypervisor.
    public var isVirtualMachine: Bool
    /// One human-readable sentence per piece of evidence, in a fixed order.
    public var evidence: [String]

    public init(
        hypervisorFlag: Bool = false, sysHypervisorType: String? = nil,
        dmiVendor: String? = nil, dmiProduct: String? = nil, smbiosVirtualMachineBit: Bool? = nil,
        isVirtualMachine: Bool = false, evidence: [String] = []
    ) {
        self.hypervisorFlag = hypervisorFlag
        self.sysHypervisorType = sysHypervisorType
        self.dmiVendor = dmiVendor
        self.dmiProduct = dmiProduct
        self.smbiosVirtualMachineBit = smbiosVirtualMachineBit
        self.isVirtualMachine = isVirtualMachine
        self.evidence = evidence
    }
}

extension PlatformFacts {
    init(reading tree: some FactsSource, hypervisorFlag: Bool) {
        let hypervisorType = tree.nonEmptyString("/sys/hypervisor/type")
        let vendor = tree.nonEmptyString("/sys/class/dmi/id/sys_vendor")
        let product = tree.nonEmptyString("/sys/class/dmi/id/product_name")
        let smbiosBit = Self.smbiosVirtualMachineBit(tree.data("/sys/firmware/dmi/entries/0-0/raw"))

        var evidence: [String] = []
        if hypervisorFlag {
            evidence.append("/proc/cpuinfo has the 'hypervisor' CPU flag")
        }
        if let hypervisorType {
            evidence.append("/sys/hypervisor/type is '\(hypervisorType)'")
        }
        if let match = VirtualMachineVendor.match(vendor: vendor, product: product) {
            evidence.append("DMI \(match)")
        }
        if smbiosBit == true {
            evidence.append("the SMBIOS BIOS characteristics mark the firmware as a virtual machine")
        }
        self.init(
            hypervisorFlag: hypervisorFlag, sysHypervisorType: hypervisorType,
            dmiVendor: vendor, dmiProduct: product, smbiosVirtualMachineBit: smbiosBit,
            isVirtualMachine: !evidence.isEmpty, evidence: evidence
        )
    }

    /// Reads the bit the way the SMBIOS spec (DSP0134, section 7.1.2.2) lays out the type-0
    /// structure: byte 1 is its length, and extension byte 2 sits at offset 0x13.
    static func smbiosVirtualMachineBit(_ raw: Data?) -> Bool? {
        guard let raw, raw.count >= 20 else { return nil }
        let bytes = [UInt8](raw.prefix(20))
        guard bytes[0] == 0, bytes[1] >= 20 else { return nil }
        return bytes[19] & 0x10 != 0
    }
}
