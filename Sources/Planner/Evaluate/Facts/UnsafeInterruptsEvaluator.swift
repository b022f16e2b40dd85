import Compiler

/// B2-3: vfio does not assign devices without interrupt remapping. With
/// `vfio_iommu_type1.allow_unsafe_interrupts=Y` a guest holding a device can forge MSI writes
/// that reach the host's interrupt space. vfio not loaded means nothing is assigned yet and the
/// default (N) will apply; the modprobe rule checks the configured value.
struct UnsafeInterruptsEvaluator: FactEvaluator {
    static let name = "vfio-safe-interrupts"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        guard context.facts.iommu.allowUnsafeInterrupts == true else { return .compliant }
        return .finding(
            "/sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts is 'Y': vfio assigns devices "
                + "even without interrupt remapping, so a guest can inject interrupts into the host")
    }
}
