import Compiler
import Foundation
import Testing
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

/// Every rule of the catalogue against its own examples (STYLE rule 8): compliant examples pass,
/// noncompliant ones fail, and a fix makes the rule hold when evaluated again.
@Suite struct RuleExampleTests {
    static let rules: [Rule] = (try? Repo.catalogue().rules) ?? []

    @Test func catalogueOnDiskLoads() throws {
        _ = try Repo.catalogue()
    }

    @Test(arguments: rules.map(\.id))
    func ruleHoldsOnItsExamples(_ id: String) throws {
        let rule = try #require(Self.rules.first { $0.id == id })
        #expect(!rule.examples.compliant.isEmpty, "rule '\(id)' has no compliant example")
        #expect(!rule.examples.noncompliant.isEmpty, "rule '\(id)' has no noncompliant example")
        let runner = ExampleRunner(rule: rule)
        for (i, example) in rule.examples.compliant.enumerated() {
            let (outcome, _) = try runner.run(example)
            #expect(!outcome.isNoncompliant, "rule '\(id)' compliant example \(i + 1) evaluated \(outcome)")
        }
        for (i, example) in rule.examples.noncompliant.enumerated() {
            let (outcome, after) = try runner.run(example)
            #expect(outcome.isNoncompliant, "rule '\(id)' noncompliant example \(i + 1) evaluated \(outcome)")
            if let after {
                #expect(after == .compliant, "rule '\(id)' noncompliant example \(i + 1): after the fix it evaluated \(after)")
            }
        }
    }

    @Test func fixesOnlyWhereTheTargetAllows() throws {
        for rule in Self.rules where rule.target == .hostFact || rule.target == .manual {
            #expect(rule.fix == nil, "rule '\(rule.id)' observes \(rule.target.rawValue) and must not have a fix")
        }
    }

    @Test func evaluatorsNamedByRulesExist() throws {
        for rule in Self.rules {
            guard case .evaluator(let e) = rule.check else { continue }
            let registry: [String: Any] = rule.target == .hostFact ? EvaluatorRegistry.fact : EvaluatorRegistry.domain
            #expect(registry[e.name] != nil, "rule '\(rule.id)' names unknown evaluator '\(e.name)'")
        }
    }

    @Test func creatablePathsParse() throws {
        for rule in Self.rules {
            switch rule.check {
            case .xmlValue(let c): #expect(CreatablePath(c.path) != nil, "rule '\(rule.id)': '\(c.path)' is not a creatable path")
            case .xmlPresent(let c): #expect(CreatablePath(c.path) != nil, "rule '\(rule.id)': '\(c.path)' is not a creatable path")
            default: break
            }
        }
    }
}
