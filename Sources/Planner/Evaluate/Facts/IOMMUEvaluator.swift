import Compiler

/// B2-3: an IOMMU is active (`/sys/kernel/iommu_groups` is populated), so a device given to a
/// guest can reach by DMA only that guest's memory.
struct IOMMUEvaluator: FactEvaluator {
    static let name = "iommu-active"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        if let hosted = HostedPlatform.notEvidencable("DMA isolation by the physical IOMMU", context) { return hosted }
        let facts = context.facts
        if facts.iommu.enabled || !facts.iommu.groups.isEmpty { return .compliant }
        let units = facts.iommu.units.isEmpty ? "no unit in /sys/class/iommu" : "units " + facts.iommu.units.map { "'\($0)'" }.joined(separator: ", ")
        let cmdline = facts.boot.kernelCmdline.map { "; /proc/cmdline is '\($0)'" } ?? ""
        return .finding("/sys/kernel/iommu_groups is empty (\(units))\(cmdline): no IOMMU confines device DMA")
    }
}
