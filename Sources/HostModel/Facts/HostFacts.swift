import Foundation

/// Everything hvharden observes about the host itself: processors, KVM, firmware and boot
/// integrity, TPM, IOMMU and PCI devices, memory, page merging, SMT, CPU vulnerabilities, the
/// sysctls its rules check, mandatory access control and the host's bridges and addresses.
///
/// A value, read once by `HostFactsReader` and then only passed around: rules evaluate it, and
/// `hvharden facts` writes it as JSON. A nil field means "not observable on this host" (the file
/// is absent or unreadable), never "false"; see docs/facts.md for each field's source. Encode it
/// with `HostFacts.makeJSONEncoder()` so the same facts always give the same bytes; nil fields
/// are left out of the JSON.
public struct HostFacts: Codable, Sendable, Equatable {
    /// Processor vendor, virtualization flags and topology.
    public var cpu: CPUFacts
    /// `/dev/kvm` and the vendor KVM module's parameters.
    public var kvm: KVMFacts
    /// Whether the host is itself a virtual machine, and why.
    public var platform: PlatformFacts
    /// UEFI, Secure Boot, lockdown, module signing, command line and taint.
    public var boot: BootFacts
    /// TPM presence and the measured-boot log.
    public var tpm: TPMFacts
    /// IOMMU units and groups.
    public var iommu: IOMMUFacts
    /// Every PCI function, sorted by address.
    public var pciDevices: [PCIDevice]
    /// Host RAM and huge pages.
    public var memory: MemoryFacts
    /// Kernel same-page merging.
    public var ksm: KSMFacts
    /// Simultaneous multithreading.
    public var smt: SMTFacts
    /// `/sys/devices/system/cpu/vulnerabilities/<name>` -> its trimmed status line, e.g.
    /// "mds" -> "Mitigation: Clear CPU buffers; SMT vulnerable". Empty on kernels before 4.15.
    public var vulnerabilities: [String: String]
    /// The runtime values (from /proc/sys) of the sysctls in `HostFactsReader.sysctlKeys`,
    /// keyed by dotted name; a key the kernel does not have is absent.
    public var sysctl: [String: String]
    /// Which mandatory access control (AppArmor, SELinux) is enforcing.
    public var mac: MACFacts
    /// Out-of-tree kernel modules, loaded and installed.
    public var modules: ModuleFacts
    /// Host programs fixes depend on (swtpm).
    public var software: SoftwareFacts
    /// Bridges, the host's addresses on each interface, and libvirt's network definitions.
    public var network: NetworkFacts

    public init(
        cpu: CPUFacts = CPUFacts(), kvm: KVMFacts = KVMFacts(), platform: PlatformFacts = PlatformFacts(),
        boot: BootFacts = BootFacts(), tpm: TPMFacts = TPMFacts(), iommu: IOMMUFacts = IOMMUFacts(),
        pciDevices: [PCIDevice] = [], memory: MemoryFacts = MemoryFacts(), ksm: KSMFacts = KSMFacts(),
        smt: SMTFacts = SMTFacts(), vulnerabilities: [String: String] = [:], sysctl: [String: String] = [:],
        mac: MACFacts = MACFacts(), modules: ModuleFacts = ModuleFacts(), software: SoftwareFacts = SoftwareFacts(),
        network: NetworkFacts = NetworkFacts()
    ) {
        self.cpu = cpu
        self.kvm = kvm
        self.platform = platform
        self.boot = boot
        self.tpm = tpm
        self.iommu = iommu
        self.pciDevices = pciDevices
        self.memory = memory
        self.ksm = ksm
        self.smt = smt
        self.vulnerabilities = vulnerabilities
        self.sysctl = sysctl
        self.mac = mac
        self.modules = modules
        self.software = software
        self.network = network
    }

    /// The CPU vulnerability entries whose status starts with "Vulnerable", sorted by name.
    public var vulnerableEntries: [String] {
        vulnerabilities.filter { $0.value.hasPrefix("Vulnerable") }.keys.sorted()
    }
}

extension HostFacts {
    /// A JSON encoder with sorted keys (dictionaries included), so identical facts encode to
    /// identical bytes and facts files from many hosts diff cleanly.
    public static func makeJSONEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// The facts as stable, pretty-printed JSON.
    public func jsonData() throws -> Data {
        try Self.makeJSONEncoder().encode(self)
    }

    /// Facts read back from JSON written by `jsonData()` (for example another host's facts file).
    public init(jsonData: Data) throws {
        self = try JSONDecoder().decode(HostFacts.self, from: jsonData)
    }
}
