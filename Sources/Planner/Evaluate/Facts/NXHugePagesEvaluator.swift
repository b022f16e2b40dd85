import Compiler

/// B1-T: KVM's iTLB multihit mitigation (`kvm.nx_huge_pages`) is not switched off. Without it a
/// guest can machine-check the whole host (CVE-2018-12207) on affected Intel CPUs.
///
/// The parameter reads back `never` when disabled for good and `Y`/`N` otherwise; `N` is also
/// what `auto` gives on an unaffected CPU, so `N` is a finding only when `itlb_multihit` does
/// not say "Not affected".
struct NXHugePagesEvaluator: FactEvaluator {
    static let name = "kvm-nx-huge-pages"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let facts = context.facts
        let status = facts.vulnerabilities["itlb_multihit"]
        if CPUVulnerabilityStatus.isNotAffected(status) { return .compliant }
        let path = "/sys/module/kvm/parameters/nx_huge_pages"
        guard let value = facts.kvm.nxHugePages else {
            return .finding("\(path) is unreadable (kvm not loaded, or a kernel before 5.4), so the iTLB multihit mitigation cannot be evidenced")
        }
        switch value.lowercased() {
        case "force", "auto", "y", "1":
            return .compliant
        default:
            let itlb = status.map { "; itlb_multihit is '\($0)'" } ?? ""
            return .finding("\(path) is '\(value)'\(itlb): a guest can trigger a machine check that halts the host")
        }
    }
}
