import Compiler
import XMLKit
import HostModel

/// A Swift evaluator for a domain rule, for what XPath cannot say (`kind: evaluator`).
public protocol DomainEvaluator: Sendable {
    static var name: String { get }
    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome
}

/// A Swift evaluator for a host-fact rule. Facts are never fixed: the outcome is compliant, a
/// finding, or not applicable.
public protocol FactEvaluator: Sendable {
    static var name: String { get }
    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome
}

/// What a fact rule sees: the host facts, the posture, the rule's parameters and a summary of
/// every selected domain (`DomainSummary`: sizes for aggregate checks such as memory
/// overcommit, whether it runs, the bridges it attaches to).
///
/// The summaries are read from each definition once, while the planner evaluates that domain, so
/// the parsed documents of thousands of domains need not stay in memory until the host rules run.
public struct FactContext: Sendable {
    public var facts: HostFacts
    public var posture: Posture
    public var parameters: [String: Value]
    public var domains: [DomainSummary]

    public init(facts: HostFacts, posture: Posture, parameters: [String: Value], domains: [(name: String, document: XMLDocument)]) {
        self.init(
            facts: facts, posture: posture, parameters: parameters,
            summaries: domains.map { DomainSummary(name: $0.name, document: $0.document) })
    }

    public init(facts: HostFacts, posture: Posture, parameters: [String: Value], summaries: [DomainSummary]) {
        self.facts = facts
        self.posture = posture
        self.parameters = parameters
        self.domains = summaries
    }
}

/// Every named evaluator. The catalogue test fails for a rule naming one that is not here.
public enum EvaluatorRegistry {
    public static let domain: [String: any DomainEvaluator] = Dictionary(
        uniqueKeysWithValues: domainEvaluators.map { (type(of: $0).name, $0) })
    public static let fact: [String: any FactEvaluator] = Dictionary(
        uniqueKeysWithValues: factEvaluators.map { (type(of: $0).name, $0) })

    /// The host config keys a domain evaluator reads (`DomainContext.files`), so the plan's
    /// `ConfigQuery` reads them whenever a rule using the evaluator is selected.
    public static let domainConfigKeys: [String: [ConfigFile: Set<String>]] = [
        GraphicsAuthEvaluator.name: [.qemuConf: Set(GraphicsAuthEvaluator.hostKeys)],
    ]
}
