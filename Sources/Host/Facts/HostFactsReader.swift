import Foundation

/// Reads `HostFacts` from /proc, /sys and /dev below a root directory.
///
/// The root is "/" in production and a temporary directory holding a fake tree in tests. Reading
/// never fails as a whole: each missing or unreadable file leaves its field nil, false or empty,
/// because on real hosts most of these files are optional (no TPM, no IOMMU, no DMI in a
/// container) and one absent file must not hide the other facts.
public struct HostFactsReader: Sendable {
    /// The sysctls hvharden's rules check, read from `/proc/sys/<key with dots as slashes>`.
    public static let sysctlKeys = [
        "kernel.yama.ptrace_scope",
        "vm.unprivileged_userfaultfd",
        "kernel.kptr_restrict",
        "kernel.dmesg_restrict",
        "kernel.unprivileged_bpf_disabled",
        "kernel.kexec_load_disabled",
    ]

    /// The directory standing in for "/".
    public let root: String

    public init(root: String = "/") {
        self.root = root
    }

    /// Observes the host. Never throws and never traps on missing or malformed files.
    public func read() -> HostFacts {
        let tree = FactsTree(root: root)
        let cpu = CPUFacts(reading: tree)
        return HostFacts(
            cpu: cpu,
            kvm: KVMFacts(reading: tree, cpuVendor: cpu.vendor),
            platform: PlatformFacts(reading: tree, hypervisorFlag: cpu.hypervisor),
            boot: BootFacts(reading: tree),
            tpm: TPMFacts(reading: tree),
            iommu: IOMMUFacts(reading: tree),
            pciDevices: PCIDevice.readAll(tree),
            memory: MemoryFacts(reading: tree),
            ksm: KSMFacts(reading: tree),
            smt: SMTFacts(reading: tree),
            vulnerabilities: Self.vulnerabilities(tree),
            sysctl: Self.sysctl(tree)
        )
    }

    static func vulnerabilities(_ tree: FactsTree) -> [String: String] {
        let directory = "/sys/devices/system/cpu/vulnerabilities"
        var entries: [String: String] = [:]
        for name in tree.children(directory) {
            if let status = tree.string("\(directory)/\(name)") { entries[name] = status }
        }
        return entries
    }

    static func sysctl(_ tree: FactsTree) -> [String: String] {
        var values: [String: String] = [:]
        for key in sysctlKeys {
            let path = "/proc/sys/" + key.replacingOccurrences(of: ".", with: "/")
            if let value = tree.string(path) { values[key] = value }
        }
        return values
    }
}
