import Compiler
import Foundation
import XMLKit

/// Accumulates outcomes into the plan's changes, findings, waived items and pending restarts,
/// applying waivers, advisory enforcement and attestations in one place (`record`).
///
/// Its work is split by what it evaluates: domains (PlanBuilder+Domain.swift), the host's
/// files, paths, units, secrets and facts (PlanBuilder+Host.swift), and the order of the items
/// (PlanBuilder+Order.swift). The item arrays are appended to only through `record` and the
/// few host findings that have no rule outcome.
struct PlanBuilder {
    let policy: Policy
    let today: Date
    /// The host's name, for waivers scoped to `hosts:`.
    var hostName: String?
    var changes: [Change] = []
    var findings: [Finding] = []
    var waived: [WaivedItem] = []
    var pending: [PendingRestart] = []

    init(policy: Policy, today: Date, hostName: String? = nil) {
        self.policy = policy
        self.today = today
        self.hostName = hostName
    }

    /// Turns a noncompliant outcome into changes, findings or waived items.
    mutating func record(_ outcome: Outcome, _ selected: SelectedRule, address: (String?) -> Address, domain: String?) {
        let rule = selected.rule
        if let waiver = policy.waiver(for: rule.id, domain: domain, host: hostName, on: today) {
            waived.append(WaivedItem(address: address(nil), rule: rule.id, reason: waiver.reason, expires: waiver.expires))
            return
        }
        switch outcome {
        case .changes(let proposed) where selected.enforcement == .enforce:
            for p in proposed {
                var where_ = address(p.path)
                if let file = p.file { where_ = .file(file, key: p.path) }
                changes.append(Change(
                    address: where_, action: p.action, before: p.before, after: p.after,
                    rule: rule.id, severity: rule.severity, effect: rule.effect, edit: p.edit))
            }
        case .changes(let proposed):
            for p in proposed {
                findings.append(Finding(
                    address: p.file.map { .file($0, key: p.path) } ?? address(p.path), kind: .advisory,
                    rule: rule.id, severity: rule.severity, message: p.problem, guidance: rule.guidance))
            }
        case .finding(let message):
            let kind: Finding.Kind
            switch rule.target {
            case .hostFact: kind = .evidence
            case .manual: kind = .manual
            default: kind = selected.enforcement == .advisory ? .advisory : .noncompliant
            }
            findings.append(Finding(
                address: address(nil), kind: kind, rule: rule.id, severity: rule.severity,
                message: message, guidance: rule.guidance))
        case .compliant, .notApplicable:
            break
        }
    }

    mutating func outOfScope(_ name: String, type: String) {
        findings.append(Finding(
            address: .domain(name), kind: .outOfScope, rule: PlannerRules.domainDriverInScope, severity: .low,
            message: "domain type '\(type)' is not QEMU/KVM; hvharden does not evaluate or edit it",
            guidance: "Exclude the domain in the profile's domains.exclude, or manage it with a tool for its driver."))
    }

    /// Takes over what `other` (the builder of one domain) accumulated, after what this one holds:
    /// merging domains in name order gives the items in the order one sequential pass would.
    mutating func merge(_ other: PlanBuilder) {
        changes += other.changes
        findings += other.findings
        waived += other.waived
        pending += other.pending
    }

    /// The plan, items sorted by address then rule. The items move into the plan and are
    /// sorted in place: with thousands of domains a copy of them is tens of megabytes. The
    /// builder is empty afterwards. `sorted` counts the items at the front already in order
    /// (the domains', `sortMergedDomains`); only those after them are sorted, unless they belong
    /// before some of the front.
    mutating func build(state: HostState, basis: Basis, sorted: ItemCounts = ItemCounts()) -> Plan {
        let serving = ServingDaemons.of(state.units)
        sortItems(after: sorted)
        let plan = Plan(
            profileDigest: policy.digest, profiles: policy.sources, policy: PolicySnapshot(policy), connectURI: state.connectURI, root: state.root,
            changes: take(&changes), findings: take(&findings), waived: take(&waived),
            pendingRestart: take(&pending), basis: basis,
            notes: (state.hostScopeNote.map { [$0] } ?? []) + [ServingDaemons.note(serving)].compactMap { $0 } + Self.fileNotes(state.files),
            libvirtDaemons: state.hostScopeNote == nil ? serving.sorted().map(\.rawValue) : nil)
        return plan
    }

    /// How many items of each kind a builder holds.
    struct ItemCounts {
        var changes = 0, findings = 0, waived = 0, pending = 0
    }

    var counts: ItemCounts { ItemCounts(changes: changes.count, findings: findings.count, waived: waived.count, pending: pending.count) }

}

/// `value`, leaving an empty one behind, so the caller holds the only reference to its storage.
private func take<T: RangeReplaceableCollection>(_ value: inout T) -> T {
    let taken = value
    value = T()
    return taken
}
