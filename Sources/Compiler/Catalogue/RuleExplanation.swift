/// What `hvharden explain RULE` prints: everything the catalogue says about one rule, in the
/// order a reader needs it: what it is, when it applies, where it comes from, why, what is
/// checked, what is fixed and when that takes effect, what to do by hand, the values a profile
/// may refine, and the examples that prove the check (printed verbatim, so they can be pasted).
public enum RuleExplanation {
    /// A rule id the catalogue does not hold: `unknown rule 'domain-vnc-tls'` with a suggestion
    /// when one id is close enough to be a typo.
    public struct UnknownRule: Error, Hashable, Sendable, CustomStringConvertible {
        public var id: String
        public var suggestion: String?

        public init(id: String, suggestion: String?) {
            self.id = id
            self.suggestion = suggestion
        }

        public var description: String {
            "unknown rule '\(id)'" + (suggestion.map { " (did you mean '\($0)'?)" }
                ?? "; 'hvharden rules --all' lists every rule")
        }
    }

    /// The rule with this id, or `UnknownRule` naming the closest id.
    public static func rule(_ id: String, in catalogue: RuleCatalogue = .shipped) throws(UnknownRule) -> Rule {
        guard let rule = catalogue.rule(id) else {
            throw UnknownRule(id: id, suggestion: suggestion(for: id, in: catalogue.ids))
        }
        return rule
    }

    /// The closest id, preferring those that start with what was typed: a truncated id
    /// (`domain-seclabel`) means one of its completions (`domain-seclabel-dynamic`), not
    /// whatever happens to be fewest edits away.
    static func suggestion(for id: String, in ids: [String]) -> String? {
        let completions = ids.filter { $0.hasPrefix(id.lowercased()) }
        return Spelling.closest(to: id, in: completions.isEmpty ? ids : completions)
    }

    /// The explanation as text for a terminal, ending in a newline. Prose is wrapped to 80
    /// columns and indented under its heading; examples are not touched.
    public static func text(_ rule: Rule) -> String {
        var out: [String] = ["\(rule.id): \(rule.title)", ""]
        out += fields([
            ("Rule", rule.id),
            ("Severity", rule.severity.rawValue),
            ("Target", "\(rule.target.rawValue): \(describe(rule.target))"),
            ("Applies when", describe(rule.appliesWhen)),
            ("Opt-in", rule.optIn
                ? "yes: selected only when a profile lists it under 'rules.enable'"
                : "no: selected whenever the posture matches, unless a profile disables it"),
        ] + (rule.sensitive ? [("Sensitive", "yes: the values it reads are secrets and are shown as '(sensitive)'")] : []))
        out.append("")
        out += section("References", fields(references(rule.references)))
        out += section("Rationale", paragraphs(rule.rationale))
        out += section("Check (\(rule.check.kind))", paragraphs(describeCheck(rule)))
        out += section("Fix", paragraphs(describeFix(rule)) + paragraphs("Takes effect: \(describe(rule.effect)) (\(rule.effect.rawValue))."))
        if !rule.preconditions.isEmpty { out += section("Preconditions", preconditions(rule)) }
        out += section("Guidance", paragraphs(rule.guidance))
        out += section("Parameters", parameters(rule))
        out += ["Examples", ""] + examples(rule)
        return out.joined(separator: "\n") + "\n"
    }

    /// `References` as label/value pairs; an absent reference reads `-`.
    private static func references(_ r: References) -> [(String, String)] {
        let list = { (items: [String]) in items.isEmpty ? "-" : items.joined(separator: ", ") }
        return [
            ("Function", r.function + (functionNames[r.function].map { " (\($0))" } ?? "")),
            ("Topic", "\(r.topic) (docs/controls.md)"),
            // The catalogue writes "(probable)" itself where docs/controls.md marks the HY-SR
            // mapping as probable, so the text is shown as it is.
            ("HY-SR", r.hySR ?? "-"),
            ("IPD (2014 draft)", list(r.ipd)),
            ("SP 800-53", list(r.sp80053)),
            ("DISA VMM SRG", list(r.srg)),
        ]
    }

    /// The SP 800-125A Rev 1 names of the baseline functions (docs/controls.md).
    private static let functionNames = [
        "PI": "platform integrity",
        "HY-BF1": "VM process isolation",
        "HY-BF2": "device emulation and access control",
        "HY-BF3": "privileged operations for guests",
        "HY-BF4": "VM lifecycle management",
        "HY-BF5": "management of the hypervisor",
    ]

    /// Each precondition: its kind, what must hold and what happens otherwise.
    private static func preconditions(_ rule: Rule) -> [String] {
        rule.preconditions.flatMap { p in
            ["  \(p.kind.rawValue) (\(p.unmet.rawValue))"] + paragraphs(p.requirement + " " + p.consequence, indent: 4)
        }
    }

    private static func parameters(_ rule: Rule) -> [String] {
        guard !rule.parameters.isEmpty else { return ["  None."] }
        var lines = paragraphs("A profile refines these under 'rules.values.\(rule.id)'.")
        for p in rule.parameters {
            lines.append("  \(p.name) (\(p.type.rawValue), default \(p.default))")
            lines += paragraphs(p.description, indent: 4)
            if let allowed = p.allowed {
                lines += paragraphs("Allowed: " + allowed.map { "'\($0)'" }.joined(separator: ", "), indent: 4)
            }
        }
        return lines
    }

    /// A heading, its indented body and a blank line.
    private static func section(_ heading: String, _ body: [String]) -> [String] {
        [heading] + body + [""]
    }

    /// `  Label   value` lines with the values aligned.
    private static func fields(_ pairs: [(String, String)]) -> [String] {
        let width = (pairs.map(\.0.count).max() ?? 0) + 2
        return pairs.map { label, value in
            "  " + label + String(repeating: " ", count: width - label.count) + value
        }
    }

    /// Prose wrapped to 80 columns at `indent`; each line of the source is its own paragraph,
    /// so line breaks a catalogue author wrote on purpose stay.
    static func paragraphs(_ text: String, indent: Int = 2) -> [String] {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        for source in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in source.split(separator: " ") {
                if !line.isEmpty, margin.count + line.count + 1 + word.count > 80 {
                    lines.append(margin + line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line.isEmpty ? "" : margin + line)
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }
}
