import Foundation
import Planner

/// Compares a plan's basis with the live host: every object and every stable host fact must be
/// as they were when the plan was made (Terraform: "Saved plan is stale"). Nothing is written
/// when one differs.
struct StalenessCheck<Reader: StateReader> {
    let plan: Plan
    let stores: ObjectStores
    let reader: Reader

    func verify() throws {
        var reasons: [String] = []
        for (ref, before) in plan.basis.objects.sorted(by: { $0.key < $1.key }) {
            let now: Fingerprint
            do {
                now = try stores.store(for: ref.kind).fingerprint(ref.name)
            } catch let error as ApplyError {
                throw error
            } catch {
                throw ApplyError.unreadable(object: ref.description, reason: "\(error)")
            }
            guard now != before else { continue }
            switch (before.exists, now.exists) {
            case (true, false): reasons.append("\(ref) no longer exists")
            case (false, true): reasons.append("\(ref) was created since the plan was made")
            default: reasons.append("\(ref) changed since the plan was made")
            }
        }
        if !plan.basis.facts.isEmpty {
            let now = FactFingerprint.flatten(reader.readFacts())
            let changed = plan.basis.facts.keys.filter { now[$0] != plan.basis.facts[$0] }.sorted()
            if !changed.isEmpty { reasons.append("host facts changed: \(changed.joined(separator: ", "))") }
        }
        if !reasons.isEmpty { throw ApplyError.stale(reasons) }
    }
}
