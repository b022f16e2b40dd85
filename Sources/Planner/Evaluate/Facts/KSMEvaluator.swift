import Compiler

/// B1-2: kernel same-page merging is off and nothing merged remains. KSM shares identical pages
/// across guests, which over-commits memory behind the operator's back and opens a cross-VM
/// timing side channel. A kernel without KSM is compliant.
///
/// `run` 0 stops the scanner but leaves merged pages shared; only `run` 2 unmerges them, so a
/// stopped KSM with `pages_shared` above 0 is still a finding.
struct KSMEvaluator: FactEvaluator {
    static let name = "ksm-disabled"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let ksm = context.facts.ksm
        guard let run = ksm.run else { return .compliant }
        let shared = ksm.pagesShared ?? 0
        if run == 1 {
            return .finding("/sys/kernel/mm/ksm/run is 1: KSM is merging identical guest pages (pages_shared \(shared))")
        }
        if shared > 0 {
            return .finding(
                "/sys/kernel/mm/ksm/run is \(run) but pages_shared is \(shared): pages merged earlier are still shared between guests")
        }
        return .compliant
    }
}
