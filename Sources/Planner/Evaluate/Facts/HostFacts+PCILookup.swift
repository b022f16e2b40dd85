import HostModel

extension HostFacts {
    /// The PCI function at a sysfs address, if the host has it.
    func pciDevice(at address: String) -> PCIDevice? {
        pciDevices.first { $0.address == address }
    }

    /// The members of an IOMMU group: from `/sys/kernel/iommu_groups` when read, otherwise the
    /// devices whose `iommu_group` link names the group.
    func iommuGroupMembers(_ group: Int) -> [String] {
        if let listed = iommu.groups.first(where: { $0.id == group }), !listed.devices.isEmpty {
            return listed.devices
        }
        return pciDevices.filter { $0.iommuGroup == group }.map(\.address)
    }
}
