import Compiler

/// B1-T: simultaneous multithreading is off or absent, so two guests never share one core's L1,
/// TLB and buffers at the same time. `smt/control` in `off`, `forceoff`, `notsupported` or
/// `notimplemented` is compliant; so is a host whose threads equal its cores.
///
/// With SMT on, core scheduling (qemu.conf `sched_core`) keeps siblings within one guest. A
/// profile that relies on it sets `coreSchedulingAccepted`; the qemu.conf rule checks the key.
struct SMTEvaluator: FactEvaluator {
    static let name = "smt-disabled"

    static let safeControls: Set<String> = ["off", "forceoff", "notsupported", "notimplemented"]

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        guard let accepted = context.booleanParameter("coreSchedulingAccepted") else {
            return FactContext.missingParameter("coreSchedulingAccepted", "boolean")
        }
        let facts = context.facts
        let cpu = facts.cpu
        guard let control = facts.smt.control else {
            if let threads = cpu.logicalCPUs, let cores = cpu.physicalCores, threads == cores { return .compliant }
            return .finding("/sys/devices/system/cpu/smt/control is absent and the topology does not show one thread per core, so SMT cannot be evidenced off")
        }
        if Self.safeControls.contains(control) || accepted { return .compliant }
        var message = "/sys/devices/system/cpu/smt/control is '\(control)'"
        if let threads = cpu.logicalCPUs, let cores = cpu.physicalCores {
            message += " (\(threads) logical CPUs on \(cores) cores)"
        }
        message += ": sibling threads can run two guests' vCPUs on one core at once"
        let exposed = facts.vulnerabilities.filter { CPUVulnerabilityStatus.isSMTExposed($0.value) }.keys.sorted()
        if !exposed.isEmpty {
            message += "; the kernel reports SMT exposure for " + exposed.map { "'\($0)'" }.joined(separator: ", ")
        }
        return .finding(message)
    }
}
