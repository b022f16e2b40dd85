/// Reading a facts file back. The sections added after the first format (`mac`, `modules`,
/// `software`, `network`) may be missing from files written by an older hvharden; they then read as
/// "nothing observed", which rules treat as "cannot be evidenced".
extension HostFacts {
    enum CodingKeys: String, CodingKey {
        case cpu, kvm, platform, boot, tpm, iommu, pciDevices, memory, ksm, smt, vulnerabilities, sysctl
        case mac, modules, software, network
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            cpu: try c.decode(CPUFacts.self, forKey: .cpu),
            kvm: try c.decode(KVMFacts.self, forKey: .kvm),
            platform: try c.decode(PlatformFacts.self, forKey: .platform),
            boot: try c.decode(BootFacts.self, forKey: .boot),
            tpm: try c.decode(TPMFacts.self, forKey: .tpm),
            iommu: try c.decode(IOMMUFacts.self, forKey: .iommu),
            pciDevices: try c.decode([PCIDevice].self, forKey: .pciDevices),
            memory: try c.decode(MemoryFacts.self, forKey: .memory),
            ksm: try c.decode(KSMFacts.self, forKey: .ksm),
            smt: try c.decode(SMTFacts.self, forKey: .smt),
            vulnerabilities: try c.decode([String: String].self, forKey: .vulnerabilities),
            sysctl: try c.decode([String: String].self, forKey: .sysctl),
            mac: try c.decodeIfPresent(MACFacts.self, forKey: .mac) ?? MACFacts(),
            modules: try c.decodeIfPresent(ModuleFacts.self, forKey: .modules) ?? ModuleFacts(),
            software: try c.decodeIfPresent(SoftwareFacts.self, forKey: .software) ?? SoftwareFacts(),
            network: try c.decodeIfPresent(NetworkFacts.self, forKey: .network) ?? NetworkFacts())
    }
}
