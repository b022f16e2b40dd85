import Compiler

/// B1-1: the CPU offers second-level address translation (Intel EPT, AMD NPT), so the MMU, not
/// KVM's shadow page tables, keeps each guest's memory apart.
struct SecondLevelPagingEvaluator: FactEvaluator {
    static let name = "cpu-second-level-paging"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let cpu = context.facts.cpu
        if cpu.ept || cpu.npt { return .compliant }
        guard cpu.vendor != nil else {
            return .finding("/proc/cpuinfo is unreadable, so 'ept' or 'npt' cannot be evidenced")
        }
        let extensions = cpu.vmx ? "'vmx' is present" : cpu.svm ? "'svm' is present" : "neither 'vmx' nor 'svm' is present either"
        return .finding(
            "/proc/cpuinfo has no 'ept' or 'npt' flag (neither on the 'flags' nor the 'vmx flags' line; "
                + "\(extensions)): KVM would fall back to shadow page tables")
    }
}
