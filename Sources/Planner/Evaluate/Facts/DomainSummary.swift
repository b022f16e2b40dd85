import XMLKit

/// What the host rules read of one selected domain: its memory and vCPUs (the aggregate capacity
/// rules), its UUID and whether it runs (the per-guest MAC profile it should have), and the
/// bridges and libvirt networks its interfaces attach to. All of it is taken from the persistent
/// definition, except whether it runs, which the live definition shows.
public struct DomainSummary: Hashable, Sendable {
    public var name: String
    /// `<memory>` in bytes (the most the guest can be given at boot, whatever the balloon holds);
    /// nil when it is missing or has an unknown unit.
    public var memoryBytes: UInt64?
    /// `<vcpu>` (the maximum, up to which vCPUs can be hot-plugged); libvirt gives a domain
    /// without the element one vCPU. Nil when the text is not a number.
    public var vcpus: Int?
    /// `<uuid>`, lowercased; nil when the definition has none.
    public var uuid: String?
    /// The domain has a live instance: libvirt gives a running domain's live XML a domain `id`.
    public var isRunning: Bool
    /// `source/@bridge` of each `<interface type='bridge'>`, sorted, without repeats.
    public var bridges: [String]
    /// `source/@network` of each `<interface type='network'>`, sorted, without repeats.
    public var networks: [String]

    public init(
        name: String, memoryBytes: UInt64?, vcpus: Int?, uuid: String? = nil, isRunning: Bool = false,
        bridges: [String] = [], networks: [String] = []
    ) {
        self.name = name
        self.memoryBytes = memoryBytes
        self.vcpus = vcpus
        self.uuid = uuid
        self.isRunning = isRunning
        self.bridges = bridges
        self.networks = networks
    }

    /// From the persistent definition and, for a running domain, the live one. A lone document
    /// with a domain `id` is itself a live definition.
    public init(name: String, document: XMLDocument, live: XMLDocument? = nil) {
        func values(_ xpath: String) -> [String] {
            Array(Set(((try? document.strings(xpath)) ?? []).filter { !$0.isEmpty })).sorted()
        }
        self.init(
            name: name, memoryBytes: MemorySize.domainMemory(document),
            vcpus: VCPUCoreRatioEvaluator.vcpus(document),
            uuid: values("/domain/uuid").first?.trimmingWhitespace.lowercased(),
            isRunning: (live ?? document).root.attribute("id") != nil,
            bridges: values("/domain/devices/interface[@type='bridge']/source/@bridge"),
            networks: values("/domain/devices/interface[@type='network']/source/@network"))
    }
}
