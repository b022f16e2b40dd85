import Foundation

/// The KVM device node and the vendor module that backs it, with its load-time parameters.
public struct KVMFacts: Codable, Sendable, Equatable {
    /// `/dev/kvm` exists as a character device. Under a root other than "/" (test trees) a
    /// regular file also counts, since an unprivileged test cannot create device nodes.
    public var devKVM: Bool
    /// "kvm_intel" or "kvm_amd" when `/sys/module/<name>` exists (loaded or built in); nil otherwise.
    public var module: String?
    /// Every readable file in `/sys/module/<module>/parameters`, name to trimmed value
    /// (`nested`, `ept`/`npt`, `vmentry_l1d_flush`, ...). Empty when `module` is nil.
    public var parameters: [String: String]
    /// `/sys/module/kvm/parameters/nx_huge_pages` ("auto", "force", "never", "Y", "N"); nil when
    /// the generic kvm module is absent or the kernel predates the parameter.
    public var nxHugePages: String?

    public init(
        devKVM: Bool = false, module: String? = nil,
        parameters: [String: String] = [:], nxHugePages: String? = nil
    ) {
        self.devKVM = devKVM
        self.module = module
        self.parameters = parameters
        self.nxHugePages = nxHugePages
    }
}

extension KVMFacts {
    init(reading tree: some FactsSource, cpuVendor: String?) {
        let module = Self.vendorModule(in: tree, cpuVendor: cpuVendor)
        var parameters: [String: String] = [:]
        if let module {
            let directory = "/sys/module/\(module)/parameters"
            for name in tree.children(directory) {
                // Write-only parameters fail to read; leaving them out is the honest answer.
                if let value = tree.string("\(directory)/\(name)") { parameters[name] = value }
            }
        }
        self.init(
            devKVM: Self.hasDeviceNode(tree),
            module: module,
            parameters: parameters,
            nxHugePages: tree.nonEmptyString("/sys/module/kvm/parameters/nx_huge_pages")
        )
    }

    /// Only one vendor module can be present on real hardware; if a tree has both, the one that
    /// matches the CPU vendor wins so the parameters describe the module actually in use.
    static func vendorModule(in tree: some FactsSource, cpuVendor: String?) -> String? {
        let present = ["kvm_intel", "kvm_amd"].filter { tree.isDirectory("/sys/module/\($0)") }
        let preferred = cpuVendor == "AuthenticAMD" ? "kvm_amd" : "kvm_intel"
        return present.contains(preferred) ? preferred : present.first
    }

    static func hasDeviceNode(_ tree: some FactsSource) -> Bool {
        isDeviceNode(tree.fileType("/dev/kvm"), underFakeRoot: !tree.isHostRoot)
    }

    /// A test cannot create device nodes without privileges, so under a fake root a regular file
    /// stands in for one; on the real root only a character device counts.
    static func isDeviceNode(_ type: FileAttributeType?, underFakeRoot: Bool) -> Bool {
        switch type {
        case .typeCharacterSpecial?: true
        case .typeRegular?: underFakeRoot
        default: false
        }
    }
}
