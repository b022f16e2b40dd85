/// A value the plan computes for an operator when a rule has no safe automatic fix: the finding
/// then carries it (`suggestion:` in YAML). A closed set, like the check kinds.
public enum Suggestion: String, CaseIterable, Hashable, Sendable, Codable {
    /// qemu.conf `max_processes`: twice the threads the selected domains need, one per vCPU plus
    /// 64 workers per domain (the doubling leaves room for a migration's second QEMU), rounded up
    /// to a multiple of 1024; with no domains, as if each host thread ran one one-vCPU guest.
    case qemuThreadBudget = "qemu-thread-budget"

    /// For `hvharden explain`.
    public var explanation: String {
        switch self {
        case .qemuThreadBudget:
            return "The finding suggests a value: 2 × (the selected domains' vCPUs + 64 per domain), rounded up "
                + "to a multiple of 1024; with no domains, as if every host thread ran a one-vCPU guest."
        }
    }
}
