/// DMI vendor and product strings that only virtual machines report.
///
/// Matching is by prefix, like systemd-detect-virt, because vendors append versions
/// ("VMware, Inc.", "VMware7,1"). Some vendors also sell bare metal, so they need the product too:
/// Microsoft's hypervisor reports "Virtual Machine", and EC2 bare-metal instances report the same
/// "Amazon EC2" vendor as virtual ones but a product ending in ".metal". Vendors that also make
/// physical machines (Google, Oracle, Nutanix) are matched on their virtual product names only.
enum VirtualMachineVendor {
    /// Vendor prefixes that are virtual by themselves.
    static let vendorPrefixes = [
        "QEMU", "KVM", "VMware", "VMW", "Xen", "innotek GmbH", "Bochs", "Parallels", "BHYVE",
        "OpenStack", "KubeVirt", "DigitalOcean", "Red Hat",
    ]
    /// Product prefixes that are virtual whatever the vendor says.
    static let productPrefixes = [
        "KVM", "VirtualBox", "VMware", "Virtual Machine", "HVM domU", "Bochs", "BHYVE",
        "OpenStack", "Google Compute Engine", "Apple Virtualization", "Standard PC (", "RHEL",
        "oVirt", "AHV", "Droplet",
    ]

    /// A sentence naming the matched string, or nil when nothing marks the platform as virtual.
    static func match(vendor: String?, product: String?) -> String? {
        if let vendor, vendor.hasPrefix("Amazon EC2") {
            // EC2 metal products are e.g. "m5.metal" or "c7g.metal-48xl".
            if let product, product.contains(".metal") { return nil }
            return "sys_vendor '\(vendor)' is an EC2 virtual instance"
        }
        if let vendor, vendor == "Microsoft Corporation" {
            // Microsoft also builds physical machines (Surface); only the product tells them apart.
            guard let product, product.hasPrefix("Virtual Machine") else { return nil }
            return "sys_vendor '\(vendor)' with product_name '\(product)' is a Hyper-V virtual machine"
        }
        if let vendor, let prefix = vendorPrefixes.first(where: vendor.hasPrefix) {
            return "sys_vendor '\(vendor)' matches the virtual machine vendor '\(prefix)'"
        }
        if let product, let prefix = productPrefixes.first(where: product.hasPrefix) {
            return "product_name '\(product)' matches the virtual machine product '\(prefix)'"
        }
        return nil
    }
}
