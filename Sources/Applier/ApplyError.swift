import Foundation
import Planner

/// Why an apply or rollback did not complete. Each case names the objects involved; none of
/// them means a half-written file or domain.
public enum ApplyError: Error, CustomStringConvertible {
    case locked(path: String, holder: ApplyLock.Holder?)
    case io(String, Int32)
    case alreadyApplied(String)
    case stale([String])
    case editsDiffer([String])
    case notConfirmed
    case planning(PlanError)
    /// Some objects could not be written; the others were (`done`), and were verified.
    case writeFailed(failed: [(object: String, reason: String)], done: [String], notConverged: [String])
    case backupFailed(object: String, reason: String)
    case unreadable(object: String, reason: String)
    case noStore(ResourceKind)
    case notConverged([String])
    case noJournal(String)
    case changedSinceApply([String])

    public var description: String {
        switch self {
        case .locked(let path, let holder):
            return "another apply holds the lock '\(path)'" + (holder.map { " (\($0))" } ?? "")
        case .io(let message, let code):
            return "\(message): \(String(cString: strerror(code)))"
        case .alreadyApplied(let id):
            return "saved plan was already applied (apply \(id)); plan again"
        case .editsDiffer(let differences):
            return "saved plan's edits differ from what its own policy gives for this host (was the file edited, "
                + "or did a waiver expire?); plan again:\n" + differences.map { "  - \($0)" }.joined(separator: "\n")
        case .stale(let reasons):
            return "saved plan is stale: " + reasons.joined(separator: "; ")
        case .notConfirmed:
            return "apply cancelled: not confirmed (use --auto-approve when no terminal is attached)"
        case .planning(let e):
            return "\(e)"
        case .writeFailed(let failed, let done, let notConverged):
            var lines = failed.map { "cannot write \($0.object): \($0.reason)" }
            lines.append("  done: \(done.isEmpty ? "nothing" : done.joined(separator: ", "))")
            lines.append("  not done: " + failed.map(\.object).joined(separator: ", "))
            if !notConverged.isEmpty { lines.append("  not converged: " + notConverged.joined(separator: ", ")) }
            lines.append("  (the journal is kept for rollback)")
            return lines.joined(separator: "\n")
        case .backupFailed(let object, let reason):
            return "cannot back up \(object) before writing (nothing was written): \(reason)"
        case .unreadable(let object, let reason):
            return "cannot read \(object) to check the saved plan against it: \(reason)"
        case .noStore(let kind):
            return "this hvharden cannot write objects of kind '\(kind)'"
        case .notConverged(let objects):
            return "apply did not converge for: " + objects.joined(separator: ", ") + " (the journal is kept for rollback)"
        case .noJournal(let what):
            return "no journal \(what)"
        case .changedSinceApply(let objects):
            return "refusing to roll back objects changed since the apply (use --force): " + objects.joined(separator: ", ")
        }
    }
}
