import Compiler
import Foundation
import Host

/// Planner: turns a `Policy` and an `ObservedState` into a `Plan`.
///
/// Evaluation is a pure function of values: each selected domain's persistent XML is parsed once
/// and every domain rule is evaluated on it; host-file rules read the observed config entries;
/// fact rules read the host facts. Noncompliant results become changes (the rule's minimal fix),
/// findings (no fix, advisory rule, host evidence, manual step) or waived items. A running domain
/// whose persistent definition complies but whose live one does not is "pending restart".
///
/// Domains are planned in parallel (`DomainPlanner`, one thread per core) and their results
/// merged in name order, so the plan is the same whatever the scheduling.
public enum Planner {
    /// Domain types hvharden manages; other drivers' domains are reported as out of scope.
    public static let managedDomainTypes: Set<String> = ["kvm", "qemu"]

    public static func plan(policy: Policy, state: ObservedState, today: Date = Date()) throws -> Plan {
        let planner = DomainPlanner(
            policy: policy, today: today, facts: state.facts, allDomainNames: state.domains.map(\.name))
        var planned = ParallelWork.map(state.domains, workers: ParallelWork.cores) { domain in
            (name: domain.name, result: Result { try planner.plan(domain) })
        }
        return try assemble(policy: policy, today: today, domains: &planned, host: state)
    }

    /// The plan from each domain's results (in any order) and the host part of `host` (its
    /// domains are not looked at): domains merged in name order, the first failure in that order
    /// thrown as a sequential pass would meet it, then the host rules.
    ///
    /// Each domain's results are released as soon as they are merged (`domains` is left empty),
    /// so the items of thousands of domains are not held twice.
    static func assemble(
        policy: Policy, today: Date, domains: inout [(name: String, result: Result<DomainPlanner.Planned, any Error>)],
        host state: ObservedState
    ) throws -> Plan {
        domains.sort { $0.name < $1.name }
        var planned: [DomainPlanner.Planned] = []
        planned.reserveCapacity(domains.count)
        for index in domains.indices { planned.append(try domains[index].result.get()) }
        domains = []

        var builder = PlanBuilder(policy: policy, today: today)
        builder.reserve(adding: planned.reduce((0, 0, 0, 0)) { sum, domain in
            let c = domain.builder.counts
            return (sum.0 + c.changes, sum.1 + c.findings, sum.2 + c.waived, sum.3 + c.pending)
        })
        var basis = Basis()
        var sizings: [DomainSizing] = []
        sizings.reserveCapacity(planned.count)
        for index in planned.indices {
            basis.domains[planned[index].name] = planned[index].digest
            builder.merge(planned[index].builder)
            if let sizing = planned[index].sizing { sizings.append(sizing) }
            planned[index].builder = PlanBuilder(policy: policy, today: today)
        }
        planned = []

        for (kind, file) in state.files {
            _ = kind
            for (path, hash) in file.fingerprints { basis.files[path] = hash }
        }
        basis.facts = state.hostScopeNote == nil ? FactFingerprint.flatten(state.facts) : [:]

        let factContext = FactContext(facts: state.facts, posture: policy.posture, parameters: [:], sizings: sizings)
        try builder.evaluateHost(files: state.files, factContext: factContext, hostScopeNote: state.hostScopeNote)

        return builder.build(state: state, basis: basis)
    }
}
