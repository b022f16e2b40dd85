import Compiler
import Foundation
import Planner

/// Re-derives a saved plan's edits before any write: the plan's own policy, planned again on
/// the host as it is now (which the staleness check has just shown to be the plan's basis),
/// must give exactly the plan's changes. A plan whose edits were changed after it was written
/// (a value, an added or dropped edit), or whose policy no longer gives them (a waiver expired
/// since), is refused; nothing is written.
struct EditCheck<Reader: StateReader> {
    let plan: Plan
    let policy: Policy
    let reader: Reader
    let today: Date

    func verify() throws {
        let domains = plan.basis.objects.keys.filter { $0.kind == DomainResource.kind }.map(\.name).sorted()
        let selection = domains.isEmpty
            ? DomainSelection(selector: DomainSelector(include: [], exclude: []))
            : DomainSelection(selector: policy.domains, names: domains)
        let again: Plan
        do {
            again = try Planner.plan(policy: policy, reader: reader, domains: selection, today: today)
        } catch let error as PlanError {
            throw ApplyError.planning(error)
        }
        let differences = Self.differences(saved: plan.changes, derived: again.changes)
        if !differences.isEmpty { throw ApplyError.editsDiffer(differences) }
    }

    /// Each change one list has and the other has not, named by object and rule.
    static func differences(saved: [Change], derived: [Change]) -> [String] {
        let savedSet = Set(saved), derivedSet = Set(derived)
        var out: [String] = []
        for change in saved where !derivedSet.contains(change) {
            out.append("\(change.address.object) (\(change.rule)): the plan's edit is not what its policy gives")
        }
        for change in derived where !savedSet.contains(change) {
            out.append("\(change.address.object) (\(change.rule)): the policy gives an edit the plan does not have")
        }
        return out
    }
}
