/// One PCI function from `/sys/bus/pci/devices/<address>`: identity, driver, IOMMU group, SR-IOV role.
public struct PCIDevice: Codable, Sendable, Equatable {
    /// The domain:bus:device.function address, e.g. "0000:01:00.0" (the directory name).
    public var address: String
    /// `vendor` as 4 lowercase hex digits without "0x", e.g. "8086"; "" when unreadable.
    public var vendorID: String
    /// `device` as 4 lowercase hex digits, e.g. "1572"; "" when unreadable.
    public var deviceID: String
    /// `class` as 6 lowercase hex digits (class, subclass, programming interface), e.g. "020000".
    public var classCode: String
    /// The name of the bound driver (last component of the `driver` link), e.g. "vfio-pci";
    /// nil when no driver is bound.
    public var driver: String?
    /// The IOMMU group number (last component of the `iommu_group` link); nil without an IOMMU.
    public var iommuGroup: Int?
    /// A PCI-to-PCI bridge (class 0604xx): shares its group with what sits behind it, and is
    /// never assigned to a guest.
    public var isBridge: Bool
    /// An SR-IOV physical function: `sriov_totalvfs` exists and is greater than 0.
    public var isPhysicalFunction: Bool
    /// An SR-IOV virtual function: the `physfn` link exists.
    public var isVirtualFunction: Bool
    /// The address of the physical function behind `physfn`; nil unless `isVirtualFunction`.
    public var physicalFunction: String?
    /// `sriov_numvfs`: VFs currently enabled on a PF; nil when the device has no SR-IOV capability.
    public var sriovNumVFs: Int?
    /// `sriov_totalvfs`: the most VFs the PF supports; nil when the device has no SR-IOV capability.
    public var sriovTotalVFs: Int?

    public init(
        address: String, vendorID: String = "", deviceID: String = "", classCode: String = "",
        driver: String? = nil, iommuGroup: Int? = nil, isBridge: Bool = false,
        isPhysicalFunction: Bool = false, isVirtualFunction: Bool = false,
        physicalFunction: String? = nil, sriovNumVFs: Int? = nil, sriovTotalVFs: Int? = nil
    ) {
        self.address = address
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.classCode = classCode
        self.driver = driver
        self.iommuGroup = iommuGroup
        self.isBridge = isBridge
        self.isPhysicalFunction = isPhysicalFunction
        self.isVirtualFunction = isVirtualFunction
        self.physicalFunction = physicalFunction
        self.sriovNumVFs = sriovNumVFs
        self.sriovTotalVFs = sriovTotalVFs
    }

    /// "vendor:device", the form profiles use in `passthrough.allowedDevices` (e.g. "8086:1572").
    public var vendorDevice: String { "\(vendorID):\(deviceID)" }
}

extension PCIDevice {
    static let directory = "/sys/bus/pci/devices"

    /// Every device under `/sys/bus/pci/devices`, sorted by address.
    static func readAll(_ tree: some FactsSource) -> [PCIDevice] {
        tree.children(directory).map { PCIDevice(reading: tree, address: $0) }
    }

    init(reading tree: some FactsSource, address: String) {
        let base = "\(Self.directory)/\(address)"
        let classCode = Self.hex(tree.string("\(base)/class"), digits: 6)
        let totalVFs = tree.int("\(base)/sriov_totalvfs")
        let physicalFunction = tree.linkName("\(base)/physfn")
        self.init(
            address: address,
            vendorID: Self.hex(tree.string("\(base)/vendor"), digits: 4),
            deviceID: Self.hex(tree.string("\(base)/device"), digits: 4),
            classCode: classCode,
            driver: tree.linkName("\(base)/driver"),
            iommuGroup: tree.linkName("\(base)/iommu_group").flatMap { Int($0) },
            isBridge: classCode.hasPrefix("0604"),
            isPhysicalFunction: (totalVFs ?? 0) > 0,
            // A dangling physfn link still names the PF, so existence is judged by the link itself.
            isVirtualFunction: physicalFunction != nil,
            physicalFunction: physicalFunction,
            sriovNumVFs: tree.int("\(base)/sriov_numvfs"),
            sriovTotalVFs: totalVFs
        )
    }

    /// "0x8086" -> "8086": lowercase, no prefix, left-padded to a fixed width; "" when unreadable.
    static func hex(_ text: String?, digits: Int) -> String {
        guard var text = text?.lowercased() else { return "" }
        if text.hasPrefix("0x") { text.removeFirst(2) }
        guard !text.isEmpty, text.allSatisfy(\.isHexDigit) else { return "" }
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
