import Compiler

/// The result of evaluating one rule on one target (a domain, a config file, the host).
public enum Outcome: Hashable, Sendable {
    case compliant
    /// Noncompliant and fixable: the minimal edits that make the rule hold.
    case changes([ProposedChange])
    /// Noncompliant and not fixable automatically; the message says what was found.
    case finding(String)
    /// The rule does not apply to this target; the reason says why.
    case notApplicable(String)

    public var isNoncompliant: Bool {
        switch self {
        case .changes, .finding: return true
        case .compliant, .notApplicable: return false
        }
    }
}

/// A fix for one place: display values plus the machine-readable edit.
public struct ProposedChange: Hashable, Sendable {
    /// The XML path or config key shown to the user.
    public var path: String
    /// The host file the edit writes, for config changes.
    public var file: String?
    public var action: Change.Action
    public var before: String?
    public var after: String?
    public var edit: AnyEdit
    /// A one-line account of what is wrong, used when the change cannot be made (advisory rules).
    public var problem: String

    public init(path: String, file: String? = nil, action: Change.Action, before: String?, after: String?, edit: some ResourceEdit, problem: String) {
        self.path = path
        self.file = file
        self.action = action
        self.before = before
        self.after = after
        self.edit = AnyEdit(edit)
        self.problem = problem
    }
}
