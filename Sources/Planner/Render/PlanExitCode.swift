import Compiler

/// The exit status of `hvharden plan` and `show` (and, over many plans, `summarize`), after
/// Terraform's `-detailed-exitcode`, with a third outcome Terraform does not need: a host with
/// nothing to change that still has findings a person must handle.
///
/// Without `--detailed-exitcode` a plan that was made is a success whatever it contains, so
/// scripts that only care about errors keep working; with it, a pipeline can tell "apply
/// would change something" (2) from "converged, but findings at or above `--fail-on` remain"
/// (3) from "nothing to do" (0), without parsing any output.
public enum PlanExitCode: Int32, Sendable, CaseIterable {
    /// The plan was made; with `--detailed-exitcode`, nothing would change and no unwaived
    /// finding at or above the threshold remains (waived items and pending restarts do not count).
    case success = 0
    /// No plan: bad profile or arguments, unreachable libvirt, unreadable file, unwritable `--out`.
    case error = 1
    /// Only with `--detailed-exitcode`: apply would change something.
    case changes = 2
    /// Only with `--detailed-exitcode`: nothing to change, but unwaived findings at or above
    /// `--fail-on` remain.
    case findings = 3

    /// The status for a plan that was made.
    public init(plan: Plan, detailed: Bool, failOn: FailOn = .low) {
        self.init(changes: !plan.changes.isEmpty, findings: plan.findings.map(\.severity), detailed: detailed, failOn: failOn)
    }

    /// The status for plans summarized together: the worst of them.
    public init(plans: [Plan], detailed: Bool, failOn: FailOn = .low) {
        self.init(changes: plans.contains { !$0.changes.isEmpty }, findings: plans.flatMap { $0.findings.map(\.severity) },
                  detailed: detailed, failOn: failOn)
    }

    private init(changes: Bool, findings: [Severity], detailed: Bool, failOn: FailOn) {
        guard detailed else { self = .success; return }
        if changes {
            self = .changes
        } else if let threshold = failOn.threshold, findings.contains(where: { $0 >= threshold }) {
            self = .findings
        } else {
            self = .success
        }
    }
}

/// `--fail-on`: the least severe unwaived finding that makes `--detailed-exitcode` exit 3.
public enum FailOn: String, CaseIterable, Sendable {
    case critical, high, medium, low, none

    public var threshold: Severity? {
        switch self {
        case .critical: return .critical
        case .high: return .high
        case .medium: return .medium
        case .low: return .low
        case .none: return nil
        }
    }
}
