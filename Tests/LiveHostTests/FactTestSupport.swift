import Compiler
import Foundation
import Host
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Runs the host-fact and passthrough rules of this group's catalogue files on facts built in
/// code, with the rules' own parameter defaults, so a test also catches a default that drifted.
enum FactFixture {
    /// Only the files these tests are about, so another group's half-written file cannot break them.
    static let files = ["host-facts.yaml", "manual.yaml", "domain-passthrough.yaml"]

    static let catalogue: Result<RuleCatalogue, Error> = Result {
        let dir = Repo.root.appendingPathComponent("catalogue")
        return try RuleCatalogue(files: files.map { ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)) })
    }

    static func rule(_ id: String) throws -> Rule {
        guard let rule = try catalogue.get().rule(id) else { throw ExampleError.missing("rule '\(id)'") }
        return rule
    }

    /// Evaluates a host-fact rule the way the Planner does, with parameter overrides.
    static func evaluate(
        _ id: String, _ facts: HostFacts, posture: Posture = Posture(),
        parameters: [String: Value] = [:], domains: [(String, String)] = []
    ) throws -> Outcome {
        let rule = try rule(id)
        guard case .evaluator(let check) = rule.check, let evaluator = EvaluatorRegistry.fact[check.name] else {
            throw ExampleError.missing("a fact evaluator for '\(id)'")
        }
        var selected = SelectedRule(rule: rule)
        for (name, value) in parameters { selected.parameters[name] = value }
        let documents = try domains.map { ($0.0, try XMLDocument(string: $0.1)) }
        return evaluator.evaluate(rule, FactContext(facts: facts, posture: posture, parameters: selected.parameters, domains: documents))
    }

    /// Evaluates a domain rule of domain-passthrough.yaml on one definition.
    static func evaluateDomain(_ id: String, _ xml: String, facts: HostFacts = HostFacts(), posture: Posture) throws -> Outcome {
        let rule = try rule(id)
        let context = DomainContext(
            name: "guest", document: try XMLDocument(string: xml), parameters: [:], posture: posture, facts: facts)
        return try PlanBuilder.evaluate(SelectedRule(rule: rule), context)
    }

    /// A minimal domain with the given `<memory>` and `<vcpu>` elements and devices.
    static func domain(_ name: String = "guest", memory: String = "<memory>1048576</memory>", vcpu: String = "<vcpu>1</vcpu>", devices: String = "") -> String {
        "<domain type='kvm'><name>\(name)</name>\(memory)\(vcpu)<os><type arch='x86_64'>hvm</type></os><devices>\(devices)</devices></domain>"
    }
}

extension Outcome {
    /// The finding's message, or nil for any other outcome.
    var findingText: String? {
        if case .finding(let message) = self { return message }
        return nil
    }

    /// The reason of a not-applicable outcome, or nil for any other outcome.
    var notApplicableReason: String? {
        if case .notApplicable(let reason) = self { return reason }
        return nil
    }
}
