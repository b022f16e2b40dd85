import Compiler
import Foundation
import XMLKit

/// Domain rules: each selected rule on one definition, then the capability gate, into items.
extension PlanBuilder {
    /// Evaluates one selected rule on one domain definition.
    /// The rule's own check, then its preconditions (`PreconditionEvaluator`).
    static func evaluate(_ selected: SelectedRule, _ context: DomainContext) throws -> Outcome {
        var context = context
        context.parameters = parameters(of: selected, host: PreconditionContext.hostValues(context.facts))
        return try evaluate(selected, prepared: context)
    }

    /// `selected` on `context`, whose `parameters` are already the rule's (`parameters(of:host:)`):
    /// a domain's rules share one context instead of copying it, facts and all, for each.
    static func evaluate(_ selected: SelectedRule, prepared context: DomainContext) throws -> Outcome {
        let outcome: Outcome
        switch selected.rule.check {
        case .evaluator(let e):
            guard let evaluator = EvaluatorRegistry.domain[e.name] else {
                throw PlanError.invalidRule(selected.rule.id, "unknown domain evaluator '\(e.name)'")
            }
            outcome = try evaluator.evaluate(selected.rule, context)
        default:
            outcome = try XMLCheckEvaluator(rule: selected.rule, parameters: context.parameters).evaluate(selected.rule.check, context.document)
        }
        return try PreconditionEvaluator.gate(outcome, rule: selected.rule, PreconditionContext(facts: context.facts, document: context.document))
    }

    /// A rule's parameters with the `$host.…` values (`PreconditionContext.hostValues`) its own
    /// do not set.
    static func parameters(of selected: SelectedRule, host: [String: Value]) -> [String: Value] {
        host.isEmpty ? selected.parameters : selected.parameters.merging(host) { own, _ in own }
    }

    /// `parameters`: each rule's, by index into `policy.rules` (`parameters(of:host:)` with this
    /// host's values), when the caller has them worked out already.
    mutating func evaluateDomain(
        _ context: DomainContext, live: XMLDocument?, capabilities: CapabilitySource? = nil, parameters: [[String: Value]]? = nil
    ) throws {
        var pendingRules: [String] = []
        // Rules by index into `policy.rules`, never copied (see below).
        var noncompliant: [(Outcome, Int)] = []
        let host = parameters == nil ? PreconditionContext.hostValues(context.facts) : [:]
        var context = context
        // Through the buffer: reading an array element copies it (every string of the rule
        // retained and released again), a buffer element is borrowed in place.
        let rules = policy.rules
        try rules.withUnsafeBufferPointer { rules in
            for index in rules.indices where rules[index].rule.target == .domain {
                context.parameters = parameters?[index] ?? Self.parameters(of: rules[index], host: host)
                let outcome: Outcome
                do {
                    outcome = try Self.evaluate(rules[index], prepared: context)
                } catch let error as XMLError {
                    throw PlanError.invalidRule(rules[index].rule.id, "on domain '\(context.name)': \(error)")
                }
                if outcome.isNoncompliant {
                    noncompliant.append((outcome, index))
                } else if case .compliant = outcome, let live, rules[index].rule.effect == .nextDomainBoot {
                    var liveContext = context
                    liveContext.document = live
                    if (try? Self.evaluate(rules[index], prepared: liveContext))?.isNoncompliant == true {
                        pendingRules.append(rules[index].rule.id)
                    }
                }
            }
        }
        if let capabilities {
            let gate = CapabilityGate(original: context.document, source: capabilities, nestedHost: context.facts.platform.isVirtualMachine)
            noncompliant = try gate.filter(noncompliant, proposed: { index in
                rules[index].enforcement == .enforce && policy.waiver(for: rules[index].rule.id, domain: context.name, host: hostName, on: today) == nil
            })
        }
        rules.withUnsafeBufferPointer { rules in
            for (outcome, index) in noncompliant {
                record(outcome, rules[index], address: { .domain(context.name, path: $0) }, domain: context.name)
            }
        }
        if !pendingRules.isEmpty {
            pending.append(PendingRestart(domain: context.name, rules: pendingRules))
        }
    }
}
