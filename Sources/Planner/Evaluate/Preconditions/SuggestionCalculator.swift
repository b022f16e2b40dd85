import Compiler
import HostModel

/// Computes the value a finding suggests for a rule with a `suggestion` (`Suggestion`).
enum SuggestionCalculator {
    /// Worker threads allowed for one QEMU besides its vCPUs (I/O, RCU, VNC, migration).
    static let workerThreadsPerDomain = 64

    /// The clause a finding ends with: "suggested max_processes = 4096 (…)".
    static func text(_ suggestion: Suggestion, key: String, _ context: FactContext) -> String {
        switch suggestion {
        case .qemuThreadBudget:
            let (value, basis) = threadBudget(context)
            return "suggested \(key) = \(value) (\(basis)); check it covers the guests you plan to add before setting it"
        }
    }

    /// 2 × Σ(vCPUs + 64), rounded up to a multiple of 1024; a domain whose vCPUs cannot be read
    /// counts one, as libvirt does for a domain without `<vcpu>`.
    static func threadBudget(_ context: FactContext) -> (Int, String) {
        let perDomain = workerThreadsPerDomain
        let need: Int
        let basis: String
        if context.domains.isEmpty {
            let threads = context.facts.cpu.logicalCPUs ?? 1
            need = threads * (1 + perDomain)
            basis = "no domains selected: \(threads) host threads, each running a one-vCPU guest with \(perDomain) worker threads"
        } else {
            let vcpus = context.domains.reduce(0) { $0 + max($1.vcpus ?? 1, 1) }
            need = vcpus + perDomain * context.domains.count
            basis = "\(context.domains.count) domains with \(vcpus) vCPUs, plus \(perDomain) worker threads each"
        }
        let doubled = 2 * need
        let rounded = (doubled + 1023) / 1024 * 1024
        return (rounded, basis + ", doubled for a migration's second QEMU and rounded up to a multiple of 1024")
    }
}
