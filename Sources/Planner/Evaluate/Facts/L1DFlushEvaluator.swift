import Compiler

/// B1-T: `kvm_intel` flushes the L1 data cache on VM entry (`vmentry_l1d_flush` is `cond` or
/// `always`, not `never`), the L1TF (Foreshadow-VMM) mitigation between a guest and the host or
/// other guests. AMD hosts and Intel CPUs that report L1TF "Not affected" need no flush.
struct L1DFlushEvaluator: FactEvaluator {
    static let name = "kvm-l1d-flush"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let facts = context.facts
        guard facts.kvm.module == "kvm_intel" else {
            return .notApplicable("the L1D flush is a 'kvm_intel' parameter and 'kvm_intel' is not loaded")
        }
        if CPUVulnerabilityStatus.isNotAffected(facts.vulnerabilities["l1tf"]) { return .compliant }
        let path = "/sys/module/kvm_intel/parameters/vmentry_l1d_flush"
        guard let value = facts.kvm.parameters["vmentry_l1d_flush"] else {
            return .finding("\(path) is unreadable, so the L1TF mitigation cannot be evidenced")
        }
        switch value {
        case "cond", "always":
            return .compliant
        default:
            return .finding("\(path) is '\(value)': a guest can read the L1 cache lines left by the host or another guest")
        }
    }
}
