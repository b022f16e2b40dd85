import XMLKit

/// A host as the baseline judges it: its selected QEMU/KVM domains parsed once, as
/// `Planner.plan` sees them (nil when only facts are known).
struct BaselineInputHost {
    var host: BaselineHost
    var domains: [(name: String, document: XMLDocument)]?

    /// What the fact rules read of the domains, as the plan's `DomainSummary`s.
    var summaries: [DomainSummary] {
        let running = Set((host.domains ?? []).filter(\.isRunning).map(\.name))
        return (domains ?? []).map { domain in
            var summary = DomainSummary(name: domain.name, document: domain.document)
            summary.isRunning = summary.isRunning || running.contains(domain.name)
            return summary
        }
    }
}
