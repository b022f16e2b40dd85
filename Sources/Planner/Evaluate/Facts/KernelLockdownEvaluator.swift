import Compiler

/// PI-1: kernel lockdown is active, so root cannot alter the running kernel (`/dev/mem`, unsigned
/// kexec, unsigned modules, hibernation images) and the verified boot chain stays intact after
/// boot. Allowed modes are a parameter (`integrity` and `confidentiality` by default).
struct KernelLockdownEvaluator: FactEvaluator {
    static let name = "kernel-lockdown"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let allowed = context.listParameter("allowedModes")
        guard !allowed.isEmpty else { return FactContext.missingParameter("allowedModes", "list") }
        guard let mode = context.facts.boot.lockdown else {
            return .finding(
                "/sys/kernel/security/lockdown is unreadable (no lockdown LSM, or securityfs not mounted), "
                    + "so kernel lockdown cannot be evidenced")
        }
        if allowed.contains(mode) { return .compliant }
        let expected = allowed.map { "'\($0)'" }.joined(separator: " or ")
        return .finding("kernel lockdown is '\(mode)', expected \(expected): root can still modify the running kernel")
    }
}
