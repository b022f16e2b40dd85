import Foundation
import Host
import Planner

/// Why an apply or rollback did not complete. Each case names the objects involved; none of
/// them means a half-written file or domain.
public enum ApplyError: Error, CustomStringConvertible {
    case locked(path: String, holder: ApplyLock.Holder?)
    case io(String, Int32)
    case unknownFormat(Int)
    case versionMismatch(plan: String, tool: String)
    case alreadyApplied(String)
    case stale([String])
    case notConfirmed
    case planning(PlanError)
    case writeFailed(object: String, reason: String, done: [String], notDone: [String])
    case notConverged([String])
    case noJournal(String)
    case changedSinceApply([String])

    public var description: String {
        switch self {
        case .locked(let path, let holder):
            return "another apply holds the lock '\(path)'" + (holder.map { " (\($0))" } ?? "")
        case .io(let message, let code):
            return "\(message): \(String(cString: strerror(code)))"
        case .unknownFormat(let v):
            return "saved plan has format version \(v); this hvharden reads version \(Plan.currentFormatVersion)"
        case .versionMismatch(let plan, let tool):
            return "saved plan was made by hvharden \(plan); this is hvharden \(tool): plan again"
        case .alreadyApplied(let id):
            return "saved plan was already applied (apply \(id)); plan again"
        case .stale(let reasons):
            return "saved plan is stale: " + reasons.joined(separator: "; ")
        case .notConfirmed:
            return "apply cancelled: not confirmed (use --auto-approve when no terminal is attached)"
        case .planning(let e):
            return "\(e)"
        case .writeFailed(let object, let reason, let done, let notDone):
            return "cannot write \(object): \(reason)\n  done: \(done.isEmpty ? "nothing" : done.joined(separator: ", "))\n  not done: \(notDone.isEmpty ? "nothing" : notDone.joined(separator: ", "))"
        case .notConverged(let objects):
            return "apply did not converge for: " + objects.joined(separator: ", ") + " (the journal is kept for rollback)"
        case .noJournal(let what):
            return "no journal \(what)"
        case .changedSinceApply(let objects):
            return "refusing to roll back objects changed since the apply (use --force): " + objects.joined(separator: ", ")
        }
    }
}
