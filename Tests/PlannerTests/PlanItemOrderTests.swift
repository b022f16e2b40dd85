import Foundation
import Testing
@testable import Planner
import TestSupport
import HostModel

/// The sorts that put a plan's items in order after domains were merged as they finished.
@Suite struct PlanItemOrderTests {
    /// Pairs compared by their first element only, so stability shows in the second.
    static func precedes(_ a: (Int, Int), _ b: (Int, Int)) -> Bool { a.0 < b.0 }

    @Test func aSortedFrontAndATailGiveWhatOneStableSortGives() {
        var rng = SeededGenerator(seed: 14)
        for _ in 0..<500 {
            let count = rng.below(30)
            var items = (0..<count).map { ($0 < 5 ? rng.below(8) : rng.below(12), $0) }
            let start = count == 0 ? 0 : rng.below(count + 1)
            items[..<start].sort(by: Self.precedes)
            var expected = items
            expected.sort(by: Self.precedes)
            var actual = items
            PlanBuilder.sort(&actual, after: start, by: Self.precedes)
            #expect(actual.map(\.0) == expected.map(\.0) && actual.map(\.1) == expected.map(\.1), "start \(start) of \(items)")
        }
    }

    @Test func sortingByKeysKeepsEqualKeysInTheirOrder() {
        var rng = SeededGenerator(seed: 15)
        for _ in 0..<500 {
            let count = rng.below(40)
            let keys = (0..<count).map { _ in ["a", "b", "c", "ab", "d-1", "d-10", "d-2"][rng.below(7)] }
            var items = Array(0..<count)
            PlanBuilder.stableSort(&items, keys: keys)
            let expected = keys.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }.map(\.offset)
            #expect(items == expected, "keys \(keys)")
        }
    }

    @Test func mergedDomainsSortByNameKeepingEachDomainsOwnOrder() throws {
        let policy = try PlannerFakes.policy([PlannerFakes.crashRule])
        var merged = PlanBuilder(policy: policy, today: Date())
        // Domains merged out of order, each with its items in its own (sorted) order.
        for name in ["c", "a", "b"] {
            var one = PlanBuilder(policy: policy, today: Date())
            one.outOfScope(name, type: "xen")
            one.outOfScope(name, type: "lxc")
            merged.merge(one)
        }
        merged.sortMergedDomains()
        var state = merged
        let plan = state.build(state: HostState(connectURI: "test:///", root: "/", unselectedDomains: [], files: [:], facts: .init(), hostScopeNote: "x"), basis: Basis(), sorted: merged.counts)
        #expect(plan.findings.map { $0.address.ref?.name ?? "" } == ["a", "a", "b", "b", "c", "c"])
        #expect(plan.findings.map(\.message).filter { $0.contains("'xen'") }.count == 3)
        #expect(plan.findings.map(\.message)[0].contains("'xen'") && plan.findings.map(\.message)[1].contains("'lxc'"))
    }
}

/// The evaluation queue with little room: readers on several threads wait for it, and every
/// domain is evaluated once, whatever the order of delivery.
@Suite struct DomainEvaluationQueueTests {
    typealias F = PlannerFakes

    @Test(arguments: [1, 2, 5])
    func aSmallQueueLosesNoDomainAndKeepsNoneTwice(capacity: Int) throws {
        let policy = try F.policy([F.crashRule])
        let facts = ParallelWork.Background { HostFacts() }
        let evaluation = DomainEvaluation(
            policy: policy, today: Date(), facts: facts, capabilities: { _ in .unknown("no capabilities in this test") },
            hostName: nil, capacity: capacity)
        let names = (0..<300).map { String(format: "d%03d", $0) }
        ParallelWork.forEach(names.shuffled(), workers: 4) { name in
            let xml = F.domain(name)
            evaluation.submit(name, .success(ObservedDomain(
                name: name, uuid: "00000000-0000-0000-0000-000000000000", state: .shutoff, isActive: false,
                persistentXML: xml, fingerprint: .digest(name))))
        }
        try evaluation.finish(selected: names)
        let (items, records) = try evaluation.results()
        #expect(records.map(\.name) == names)
        #expect(items.changes.map { $0.address.ref?.name ?? "" } == names)
        #expect(evaluation.capacity == capacity)
    }
}
