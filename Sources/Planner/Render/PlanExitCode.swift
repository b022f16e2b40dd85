/// The exit status of `hvharden plan`, after Terraform's `-detailed-exitcode`.
///
/// Without `--detailed-exitcode` a plan that was made is a success whatever it contains, so
/// scripts that only care about errors keep working; with it, a pipeline can fail a host that
/// is not compliant without parsing any output.
public enum PlanExitCode: Int32, Sendable, CaseIterable {
    /// The plan was made; with `--detailed-exitcode`, it is also empty: no change and no
    /// unwaived finding (waived items and pending restarts do not count).
    case success = 0
    /// No plan: bad profile, unreachable libvirt, unreadable file, unwritable `--out`.
    case error = 1
    /// Only with `--detailed-exitcode`: the plan has changes or unwaived findings.
    case changesOrFindings = 2

    /// The status for a plan that was made.
    public init(plan: Plan, detailed: Bool) {
        self = detailed && !plan.isClean ? .changesOrFindings : .success
    }
}
