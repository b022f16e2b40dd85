extension Rule {
    enum CodingKeys: String, CodingKey {
        case id, title, severity, rationale, references, appliesWhen, optIn, target, check, fix, preconditions, suggestion
        case effect, guidance, parameters, sensitive, examples
    }

    /// Optional catalogue keys take their defaults: applies always, not opt-in, no fix, no
    /// preconditions, no suggestion, no parameters, not sensitive.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            title: try c.decode(String.self, forKey: .title),
            severity: try c.decode(Severity.self, forKey: .severity),
            rationale: try c.decode(String.self, forKey: .rationale),
            references: try c.decode(References.self, forKey: .references),
            appliesWhen: try c.decodeIfPresent(PostureCondition.self, forKey: .appliesWhen) ?? PostureCondition(),
            optIn: try c.decodeIfPresent(Bool.self, forKey: .optIn) ?? false,
            target: try c.decode(RuleTarget.self, forKey: .target),
            check: try c.decode(Check.self, forKey: .check),
            fix: try c.decodeIfPresent(Fix.self, forKey: .fix),
            preconditions: try c.decodeIfPresent([Precondition].self, forKey: .preconditions) ?? [],
            suggestion: try c.decodeIfPresent(Suggestion.self, forKey: .suggestion),
            effect: try c.decode(Effect.self, forKey: .effect),
            guidance: try c.decode(String.self, forKey: .guidance),
            parameters: try c.decodeIfPresent([Parameter].self, forKey: .parameters) ?? [],
            sensitive: try c.decodeIfPresent(Bool.self, forKey: .sensitive) ?? false,
            examples: try c.decode(RuleExamples.self, forKey: .examples))
    }

    /// The fields as the compiler synthesizes it: every key, optional ones only when present.
    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
    }
}
