import Foundation

/// Interpreting a /proc, /sys and /dev tree as `HostFacts`.
///
/// Reading never fails as a whole: each missing or unreadable file leaves its field nil, false or
/// empty, because on real hosts most of these files are optional (no TPM, no IOMMU, no DMI in a
/// container) and one absent file must not hide the other facts.
extension HostFacts {
    /// The sysctls hvharden's rules check, read from `/proc/sys/<key with dots as slashes>`.
    public static let sysctlKeys = [
        "kernel.yama.ptrace_scope",
        "vm.unprivileged_userfaultfd",
        "kernel.kptr_restrict",
        "kernel.dmesg_restrict",
        "kernel.unprivileged_bpf_disabled",
        "kernel.kexec_load_disabled",
        "kernel.perf_event_paranoid",
        "fs.suid_dumpable",
        "kernel.unprivileged_userns_clone",
        "user.max_user_namespaces",
        "kernel.core_pattern",
    ]

    /// Observes the host through `tree`. Never throws and never traps on missing or malformed files.
    public init(reading tree: some FactsSource) {
        let cpu = CPUFacts(reading: tree)
        let boot = BootFacts(reading: tree)
        self.init(
            cpu: cpu,
            kvm: KVMFacts(reading: tree, cpuVendor: cpu.vendor),
            platform: PlatformFacts(reading: tree, hypervisorFlag: cpu.hypervisor),
            boot: boot,
            tpm: TPMFacts(reading: tree),
            iommu: IOMMUFacts(reading: tree),
            pciDevices: PCIDevice.readAll(tree),
            memory: MemoryFacts(reading: tree),
            ksm: KSMFacts(reading: tree),
            smt: SMTFacts(reading: tree),
            vulnerabilities: Self.vulnerabilities(tree),
            sysctl: Self.sysctl(tree),
            mac: MACFacts(reading: tree),
            modules: ModuleFacts(reading: tree, kernelRelease: boot.kernelRelease),
            software: SoftwareFacts(reading: tree),
            network: NetworkFacts(reading: tree)
        )
    }

    static func vulnerabilities(_ tree: some FactsSource) -> [String: String] {
        let directory = "/sys/devices/system/cpu/vulnerabilities"
        var entries: [String: String] = [:]
        for name in tree.children(directory) {
            if let status = tree.string("\(directory)/\(name)") { entries[name] = status }
        }
        return entries
    }

    static func sysctl(_ tree: some FactsSource) -> [String: String] {
        var values: [String: String] = [:]
        for key in sysctlKeys {
            let path = "/proc/sys/" + key.replacingOccurrences(of: ".", with: "/")
            if let value = tree.string(path) { values[key] = value }
        }
        return values
    }
}
