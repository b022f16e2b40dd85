import Foundation

/// The host's processors: vendor, the feature flags hvharden's rules depend on, and topology.
///
/// Flags come from the first processor in `/proc/cpuinfo` (the kernel reports the same set for
/// every CPU). A flag that is absent, or a missing cpuinfo, reads as `false`.
public struct CPUFacts: Codable, Sendable, Equatable {
    /// `vendor_id`, e.g. "GenuineIntel" or "AuthenticAMD"; nil when cpuinfo has none.
    public var vendor: String?
    /// `model name`, e.g. "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz".
    public var modelName: String?
    /// Intel VT-x.
    public var vmx: Bool
    /// AMD-V.
    public var svm: Bool
    /// Intel extended page tables (second-level address translation).
    public var ept: Bool
    /// AMD nested page tables.
    public var npt: Bool
    /// Set by the kernel when it runs under a hypervisor: the host itself is a guest.
    public var hypervisor: Bool
    /// Intel TXT (measured launch).
    public var smx: Bool
    /// AMD SKINIT (dynamic root of trust).
    public var skinit: Bool
    /// Online logical CPUs (threads); nil when neither cpuinfo nor sysfs lists any.
    public var logicalCPUs: Int?
    /// Physical cores: SMT siblings count once. nil when the topology is unknown.
    public var physicalCores: Int?
    /// Populated CPU packages; nil when the topology is unknown.
    public var sockets: Int?
    /// The machine architecture as libvirt names it (`x86_64`, `aarch64`, …): what KVM can run
    /// without emulation. nil when neither source shows it.
    public var architecture: String?

    public init(
        vendor: String? = nil, modelName: String? = nil,
        vmx: Bool = false, svm: Bool = false, ept: Bool = false, npt: Bool = false,
        hypervisor: Bool = false, smx: Bool = false, skinit: Bool = false,
        logicalCPUs: Int? = nil, physicalCores: Int? = nil, sockets: Int? = nil, architecture: String? = nil
    ) {
        self.vendor = vendor
        self.modelName = modelName
        self.vmx = vmx
        self.svm = svm
        self.ept = ept
        self.npt = npt
        self.hypervisor = hypervisor
        self.smx = smx
        self.skinit = skinit
        self.logicalCPUs = logicalCPUs
        self.physicalCores = physicalCores
        self.sockets = sockets
        self.architecture = architecture
    }
}

extension CPUFacts {
    init(reading tree: some FactsSource) {
        let processors = CPUInfo(text: tree.string("/proc/cpuinfo") ?? "").processors
        let first = processors.first ?? [:]
        // Since Linux 5.9 the VMX sub-features also appear on a separate "vmx flags" line; read
        // both so `ept` is found whichever line a kernel puts it on.
        let flags = Set(((first["flags"] ?? "") + " " + (first["vmx flags"] ?? ""))
            .split(separator: " ").map(String.init))
        let topology = CPUTopology(reading: tree, processors: processors)
        self.init(
            vendor: first["vendor_id"], modelName: first["model name"],
            vmx: flags.contains("vmx"), svm: flags.contains("svm"),
            ept: flags.contains("ept"), npt: flags.contains("npt"),
            hypervisor: flags.contains("hypervisor"),
            smx: flags.contains("smx"), skinit: flags.contains("skinit"),
            logicalCPUs: topology.logicalCPUs, physicalCores: topology.physicalCores,
            sockets: topology.sockets,
            architecture: Self.architecture(tree, first: first, flags: flags)
        )
    }
}

extension CPUFacts {
    /// `/proc/sys/kernel/arch` (Linux 6.1+, uname's machine); before that the first processor
    /// block: `lm` among the flags is 64-bit x86, `CPU architecture: 8` is 64-bit Arm. Anything
    /// else is unknown rather than guessed.
    static func architecture(_ tree: some FactsSource, first: [String: String], flags: Set<String>) -> String? {
        if let arch = tree.nonEmptyString("/proc/sys/kernel/arch") { return arch }
        if flags.contains("lm") { return "x86_64" }
        if first["CPU architecture"] == "8" { return "aarch64" }
        return nil
    }
}

/// `/proc/cpuinfo` split into one `key: value` dictionary per processor.
struct CPUInfo {
    var processors: [[String: String]] = []

    init(text: String) {
        var current: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else {
                // A blank line ends one processor's block.
                if !current.isEmpty { processors.append(current) }
                current = [:]
                continue
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            // "processor" opens a new block even when the blank line between blocks is missing.
            if key == "processor", !current.isEmpty {
                processors.append(current)
                current = [:]
            }
            current[key] = value
        }
        if !current.isEmpty { processors.append(current) }
    }
}
