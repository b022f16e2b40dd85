import Compiler

/// The compiled policy a plan was made from, compact enough to travel in the plan file: rule
/// ids with their resolved parameters, not the rules' text. `apply` of a saved plan rebuilds the
/// policy from it and the catalogue of the same hvharden version, to verify by re-planning.
public struct PolicySnapshot: Hashable, Sendable, Codable {
    public struct RuleSelection: Hashable, Sendable, Codable {
        public var id: String
        public var parameters: [String: Value]
        public var enforcement: SelectedRule.Enforcement
    }

    public var posture: Posture
    public var domains: DomainSelector
    public var rules: [RuleSelection]
    public var waivers: [Waiver]
    public var attestations: [Attestation]

    public init(_ policy: Policy) {
        posture = policy.posture
        domains = policy.domains
        rules = policy.rules.map { RuleSelection(id: $0.rule.id, parameters: $0.parameters, enforcement: $0.enforcement) }
        waivers = policy.waivers
        attestations = policy.attestations
    }

    /// The policy again, with each rule taken from `catalogue`; nil names the first unknown rule.
    public func policy(catalogue: RuleCatalogue, sources: [String], digest: String) -> Result<Policy, UnknownRule> {
        var selected: [SelectedRule] = []
        for r in rules {
            guard let rule = catalogue.rule(r.id) else { return .failure(UnknownRule(id: r.id)) }
            selected.append(SelectedRule(rule: rule, parameters: r.parameters, enforcement: r.enforcement))
        }
        return .success(Policy(
            posture: posture, domains: domains, rules: selected, waivers: waivers,
            attestations: attestations, sources: sources, digest: digest))
    }

    public struct UnknownRule: Error, Sendable {
        public var id: String
    }
}
