import Compiler

/// B1-3: a domain never has more vCPUs than the host has physical cores (SMT siblings count
/// once), less the cores the profile reserves for the host (`reservedHostCores`).
///
/// The count is `<vcpu>`'s text, the most vCPUs the guest can have (`@current` may be lower, but
/// vCPUs can be hot-plugged up to the maximum); an absent `<vcpu>` means libvirt's default of 1.
/// Not applicable when the host's core count is unknown. Never fixed: shrinking a guest's CPUs
/// is a sizing decision, so the outcome is a finding.
struct VCPUWithinCoresEvaluator: DomainEvaluator {
    static let name = "vcpu-within-cores"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        guard let cores = context.facts.cpu.physicalCores, cores > 0 else {
            return .notApplicable("the host's physical core count is unknown")
        }
        let text = try context.document.select("/domain/vcpu").first?.text.trimmingWhitespace ?? "1"
        guard let vcpus = Int(text), vcpus > 0 else {
            return .finding("/domain/vcpu is '\(text)', not a positive number of vCPUs")
        }
        let reserved = max(context.value("reservedHostCores", of: rule)?.intValue ?? 0, 0)
        let limit = cores - reserved
        if vcpus <= limit { return .compliant }
        let reservation = reserved > 0 ? " less \(reserved) reserved for the host" : ""
        return .finding("the domain has \(vcpus) vCPUs; the host has \(cores) physical cores\(reservation), so at most \(max(limit, 0))")
    }
}
