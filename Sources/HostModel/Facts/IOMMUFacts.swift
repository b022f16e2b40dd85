/// Whether DMA remapping is active, which hardware units provide it, and how devices are grouped.
public struct IOMMUFacts: Codable, Sendable, Equatable {
    /// `/sys/kernel/iommu_groups` has at least one group: the kernel is using an IOMMU.
    public var enabled: Bool
    /// The remapping units in `/sys/class/iommu` ("dmar0" on Intel VT-d, "ivhd0" on AMD-Vi), sorted.
    public var units: [String]
    /// Every group in `/sys/kernel/iommu_groups`, sorted by numeric id.
    public var groups: [IOMMUGroup]
    /// `/sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts`: vfio lets devices be
    /// assigned without interrupt remapping. nil when vfio_iommu_type1 is not loaded.
    public var allowUnsafeInterrupts: Bool?

    public init(
        enabled: Bool = false, units: [String] = [], groups: [IOMMUGroup] = [],
        allowUnsafeInterrupts: Bool? = nil
    ) {
        self.enabled = enabled
        self.units = units
        self.groups = groups
        self.allowUnsafeInterrupts = allowUnsafeInterrupts
    }
}

/// The smallest set of devices the IOMMU can isolate from the rest: they go to one owner together.
public struct IOMMUGroup: Codable, Sendable, Equatable {
    /// The group number (the directory name under `/sys/kernel/iommu_groups`).
    public var id: Int
    /// PCI addresses in the group's `devices` directory, sorted.
    public var devices: [String]

    public init(id: Int, devices: [String] = []) {
        self.id = id
        self.devices = devices
    }
}

extension IOMMUFacts {
    init(reading tree: some FactsSource) {
        let groupsDirectory = "/sys/kernel/iommu_groups"
        let groups = tree.children(groupsDirectory)
            .compactMap { name in
                Int(name).map { IOMMUGroup(id: $0, devices: tree.children("\(groupsDirectory)/\(name)/devices")) }
            }
            .sorted { $0.id < $1.id }
        self.init(
            enabled: !groups.isEmpty,
            units: tree.children("/sys/class/iommu"),
            groups: groups,
            allowUnsafeInterrupts: tree.bool("/sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts")
        )
    }
}
