/// The security posture a profile declares, in the user's language (docs/architecture.md,
/// docs/controls.md "Posture dimensions"). The compiler turns each field into concrete rules.
public struct Posture: Hashable, Sendable, Codable {
    /// Whether the hypervisor runs directly on hardware or inside another virtual machine.
    public enum Platform: String, CaseIterable, Hashable, Sendable, Codable {
        case bareMetal = "bare-metal"
        case hosted
    }

    /// How guest isolation is achieved: CPU virtualization extensions (KVM) or QEMU's TCG emulator.
    public enum Virtualization: String, CaseIterable, Hashable, Sendable, Codable {
        case hardwareAssisted = "hardware-assisted"
        case software
    }

    /// Whether host and guests must prove an unbroken chain of trust from firmware up (PI-1).
    /// `preferred` reports the same gaps as advisory findings and never changes a guest.
    public enum BootIntegrity: String, CaseIterable, Hashable, Sendable, Codable {
        case required
        case preferred
        case notRequired = "not-required"
    }

    public var platform: Platform
    public var virtualization: Virtualization
    public var bootIntegrity: BootIntegrity
    public var passthrough: PassthroughPolicy

    public init(
        platform: Platform = .bareMetal,
        virtualization: Virtualization = .hardwareAssisted,
        bootIntegrity: BootIntegrity = .preferred,
        passthrough: PassthroughPolicy = PassthroughPolicy()
    ) {
        self.platform = platform
        self.virtualization = virtualization
        self.bootIntegrity = bootIntegrity
        self.passthrough = passthrough
    }
}

/// Which host devices guests may be given directly (docs/controls.md).
public struct PassthroughPolicy: Hashable, Sendable, Codable {
    public enum Mode: String, CaseIterable, Hashable, Sendable, Codable {
        /// No hostdev, hostdev interface, redirdev or smartcard at all.
        case none
        /// PCI devices through VFIO, confined by the IOMMU.
        case pciVFIO = "pci-vfio"
        /// Only SR-IOV virtual functions; physical functions stay with the host.
        case sriovVFOnly = "sriov-vf-only"
    }

    public var mode: Mode
    /// PCI `vendor:device` ids (lowercase hex, e.g. `8086:1572`) that may be assigned. Empty means none.
    public var allowedDevices: [String]
    /// The most host devices one domain may hold.
    public var maxDevicesPerDomain: Int
    /// Whether USB host devices and USB redirection may be given to guests.
    public var allowUSB: Bool

    public init(mode: Mode = .none, allowedDevices: [String] = [], maxDevicesPerDomain: Int = 0, allowUSB: Bool = false) {
        self.mode = mode
        self.allowedDevices = allowedDevices
        self.maxDevicesPerDomain = maxDevicesPerDomain
        self.allowUSB = allowUSB
    }
}
