/// What `hvharden rules` lists: one entry per rule, either the rules a compiled policy selects
/// (with their enforcement and resolved parameters) or the whole catalogue, each rule marked
/// with whether that policy selects it. Rendered by `RuleListing.text(_:)` (an aligned table)
/// and `RuleListing.json(_:)` (a documented array of objects).
public struct RuleListing: Hashable, Sendable {
    /// One rule as the listing shows it. Every field is filled for every entry, so the JSON
    /// shape never depends on the rule.
    public struct Entry: Hashable, Sendable {
        public var id: String
        public var title: String
        public var severity: Severity
        public var target: RuleTarget
        public var references: References
        /// The check primitive (`xml-value`, `config-value`, `manual`, ...).
        public var check: String
        /// Whether the rule has an automatic fix (host facts and manual steps never do).
        public var fixable: Bool
        public var effect: Effect
        public var optIn: Bool
        public var appliesWhen: PostureCondition
        /// Whether the policy the listing was made from selects the rule.
        public var selected: Bool
        /// How the policy enforces the rule; nil when it does not select it.
        public var enforcement: SelectedRule.Enforcement?
        /// The resolved values when selected, the catalogue defaults otherwise.
        public var parameters: [String: Value]

        public init(rule: Rule, selection: SelectedRule?) {
            id = rule.id
            title = rule.title
            severity = rule.severity
            target = rule.target
            references = rule.references
            check = rule.check.kind
            fixable = rule.fix != nil
            effect = rule.effect
            optIn = rule.optIn
            appliesWhen = rule.appliesWhen
            selected = selection != nil
            enforcement = selection?.enforcement
            parameters = selection?.parameters
                ?? Dictionary(uniqueKeysWithValues: rule.parameters.map { ($0.name, $0.default) })
        }
    }

    /// Sorted by rule id.
    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries.sorted { $0.id < $1.id }
    }

    /// The rules `policy` selects, with their enforcement and resolved parameters.
    public init(policy: Policy) {
        self.init(entries: policy.rules.map { Entry(rule: $0.rule, selection: $0) })
    }

    /// Every rule of `catalogue`, opt-in ones and those whose posture condition does not match
    /// included; the ones `policy` selects carry its enforcement and parameters.
    public init(catalogue: RuleCatalogue, policy: Policy) {
        let selections = Dictionary(policy.rules.map { ($0.rule.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.init(entries: catalogue.rules.map { Entry(rule: $0, selection: selections[$0.id]) })
    }

    /// The count line under the table: `170 rules, 121 selected: 60 fixable, 20 opt-in,
    /// 18 advisory; 6 critical, 52 high, 85 medium, 27 low`. The selected count appears only
    /// when some listed rule is not selected (`--all`).
    public var summary: String {
        let count = { (include: (Entry) -> Bool) in entries.filter(include).count }
        var head = Self.plural(entries.count, "rule")
        let selected = count(\.selected)
        if selected != entries.count { head += ", \(selected) selected" }
        let kinds = [
            "\(count(\.fixable)) fixable", "\(count(\.optIn)) opt-in", "\(count { $0.enforcement == .advisory }) advisory",
        ]
        let severities = Severity.allCases.reversed().map { severity in "\(count { $0.severity == severity }) \(severity.rawValue)" }
        return "\(head): \(kinds.joined(separator: ", ")); \(severities.joined(separator: ", "))"
    }

    static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
