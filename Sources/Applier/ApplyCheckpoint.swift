/// Points in an apply where an observer is told how far it got: after the journal holds every
/// backup, and after each object is written. Fault-injection tests stop the process there; the
/// product passes no observer.
public enum ApplyCheckpoint: Sendable, Equatable, CustomStringConvertible {
    case afterJournal
    /// After the `n`th object (1-based, in the plan's object order) was written.
    case afterObject(Int)

    public var description: String {
        switch self {
        case .afterJournal: return "after-journal"
        case .afterObject(let n): return "after-object-\(n)"
        }
    }
}
