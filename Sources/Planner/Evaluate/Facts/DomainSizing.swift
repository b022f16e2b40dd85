import XMLKit

/// What the aggregate host rules read of one selected domain: its memory and vCPUs, taken from
/// its persistent definition.
public struct DomainSizing: Hashable, Sendable {
    public var name: String
    /// `<memory>` in bytes (the most the guest can be given at boot, whatever the balloon holds);
    /// nil when it is missing or has an unknown unit.
    public var memoryBytes: UInt64?
    /// `<vcpu>` (the maximum, up to which vCPUs can be hot-plugged); libvirt gives a domain
    /// without the element one vCPU. Nil when the text is not a number.
    public var vcpus: Int?

    public init(name: String, memoryBytes: UInt64?, vcpus: Int?) {
        self.name = name
        self.memoryBytes = memoryBytes
        self.vcpus = vcpus
    }

    public init(name: String, document: XMLDocument) {
        self.init(
            name: name, memoryBytes: MemorySize.domainMemory(document),
            vcpus: VCPUCoreRatioEvaluator.vcpus(document))
    }
}
