import Compiler
import Testing
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

/// Every topic key of docs/controls.md is cited by at least one rule, so no recommendation silently
/// drops out of a plan; the keys that have no XML or config control are this group's to cover.
@Suite struct FactTopicCoverageTests {
    static let allTopics = TopicKey.all

    /// Topics whose evidence is a host fact or a manual step (docs/controls.md "Host facts" columns,
    /// and rows with no XML or config control at all).
    static let factAndManualTopics = [
        "PI-1", "B1-1", "B1-2", "B1-3", "B1-T", "B2-2", "B2-3", "B2-4", "B4-1", "B4-2", "B4-5", "B4-7",
        "B4-8", "B4-9", "B5-1", "B5-3", "B5-4", "B5-5", "B5-6", "B5-7", "B5-8",
    ]

    @Test func factAndManualTopicsAreCoveredByThisGroup() throws {
        let cited = Set(try FactFixture.catalogue.get().rules.map(\.references.topic))
        let missing = Self.factAndManualTopics.filter { !cited.contains($0) }
        #expect(missing.isEmpty, "no host-fact, manual or passthrough rule cites \(missing)")
    }

    @Test func everyTopicIsCitedByTheWholeCatalogue() throws {
        let cited = Set(try Repo.catalogue().rules.map(\.references.topic))
        let missing = Self.allTopics.filter { !cited.contains($0) }
        #expect(missing.isEmpty, "no rule cites \(missing)")
    }

    @Test func factAndManualRulesNeverChangeAnything() throws {
        for rule in try FactFixture.catalogue.get().rules where rule.target == .hostFact || rule.target == .manual {
            #expect(rule.fix == nil && rule.effect == .none, "'\(rule.id)' must be a finding only, with effect none")
        }
    }
}
