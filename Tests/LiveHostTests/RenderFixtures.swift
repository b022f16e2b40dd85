import Compiler
import Foundation
@testable import Planner

/// Hand-built plans for the renderer tests, and the lab plan made through the library.
enum RenderFixtures {
    static let policy = PolicySnapshot(Policy(posture: Posture(), domains: DomainSelector(), rules: []))

    static func plan(
        changes: [Change] = [], findings: [Finding] = [], waived: [WaivedItem] = [],
        pendingRestart: [PendingRestart] = [], notes: [String] = []
    ) -> Plan {
        Plan(
            profileDigest: String(repeating: "ab", count: 32), profiles: ["site.yaml"], policy: policy,
            connectURI: "qemu:///system", root: "/", changes: changes, findings: findings, waived: waived,
            pendingRestart: pendingRestart, basis: Basis(), notes: notes)
    }

    static func change(
        _ address: Address, _ action: Change.Action = .update, before: String? = "old", after: String? = "new",
        rule: String = "rule-a", effect: Effect = .nextDomainBoot, edit: Edit? = nil
    ) -> Change {
        Change(
            address: address, action: action, before: before, after: after, rule: rule, severity: .high,
            effect: effect, edit: edit ?? .xmlSetAttribute(path: address.path ?? "/domain", attribute: "a", value: after ?? ""))
    }

    static func finding(_ address: Address, kind: Finding.Kind = .evidence, rule: String = "host-smt-off") -> Finding {
        Finding(address: address, kind: kind, rule: rule, severity: .medium, message: "SMT is on", guidance: "Boot with\n  nosmt.")
    }

    /// A plan that holds every kind of item and every case of every enum the JSON carries, so a
    /// schema check of it covers the whole format.
    static var complete: Plan {
        var changes: [Change] = []
        for (i, edit) in everyEdit.enumerated() {
            let address: Address = edit.isDomainEdit ? .domain("web01", path: "/domain/x\(i)") : .file("/etc/libvirt/qemu.conf", key: "k\(i)")
            let action = everyAction[i % everyAction.count]
            changes.append(Change(
                address: address, action: action, before: action == .add ? nil : "(sensitive)",
                after: action == .remove ? nil : "v\(i)", rule: "rule-\(i)", severity: Severity.allCases[i % Severity.allCases.count],
                effect: Effect.allCases[i % Effect.allCases.count], edit: edit))
        }
        let findings = everyFindingKind.enumerated().map { i, kind in
            Finding(
                address: i == 0 ? .host : .domain("db01"), kind: kind, rule: "rule-f\(i)", severity: .critical,
                message: "problem \(i)", guidance: "do \(i)")
        }
        var policy = Policy(posture: Posture(), domains: DomainSelector(include: ["*"], exclude: ["template-*"]), rules: [])
        policy.waivers = [Waiver(rule: "rule-w", domains: ["legacy-*"], reason: "SEC-1", expires: "2027-03-31",
                                 location: SourceLocation(file: "site.yaml", line: 3, column: 5))]
        policy.attestations = [Attestation(rule: "rule-m", statement: "done", expires: "2027-01-01")]
        return Plan(
            profileDigest: String(repeating: "0", count: 64), profiles: ["a.yaml", "b.yaml"], policy: PolicySnapshot(policy),
            connectURI: "qemu:///system", root: "/", changes: changes, findings: findings,
            waived: [WaivedItem(address: .domain("legacy-1"), rule: "rule-w", reason: "SEC-1", expires: "2027-03-31")],
            pendingRestart: [PendingRestart(domain: "web01", rules: ["rule-p"])],
            basis: Basis(domains: ["web01": String(repeating: "1", count: 64)],
                         files: ["/etc/libvirt/qemu.conf": String(repeating: "2", count: 64), "/etc/sysctl.d/90-kvm.conf": "absent"],
                         facts: ["cpu.vmx": "true"]),
            notes: ["a note"])
    }

    /// Every `Edit` case. The switch fails to compile when a case is added, so the list (and the
    /// schema test that uses it) cannot silently fall behind.
    static var everyEdit: [Edit] {
        let all: [Edit] = [
            .xmlSetAttribute(path: "/domain/a", attribute: "b", value: "c"), .xmlSetText(path: "/domain/t", value: "x"),
            .xmlCreate(path: "/domain/e"), .xmlRemove(select: "/domain/r"),
            .configSet(file: "/etc/libvirt/qemu.conf", key: "k", value: "v"),
            .configSetList(file: "/etc/libvirt/qemu.conf", key: "l", items: ["a", "b"]),
        ]
        for edit in all {
            switch edit {
            case .xmlSetAttribute, .xmlSetText, .xmlCreate, .xmlRemove, .configSet, .configSetList: break
            }
        }
        return all
    }

    /// Every `Change.Action`, guarded like `everyEdit`.
    static var everyAction: [Change.Action] {
        let all: [Change.Action] = [.add, .update, .remove]
        for a in all { switch a { case .add, .update, .remove: break } }
        return all
    }

    /// Every `Finding.Kind`, guarded like `everyEdit`.
    static var everyFindingKind: [Finding.Kind] {
        let all: [Finding.Kind] = [.noncompliant, .advisory, .evidence, .manual, .outOfScope]
        for k in all { switch k { case .noncompliant, .advisory, .evidence, .manual, .outOfScope: break } }
        return all
    }

    /// Every `Address.Kind`, guarded like `everyEdit`.
    static var everyAddressKind: [Address.Kind] {
        let all: [Address.Kind] = [.domain, .file, .host]
        for k in all { switch k { case .domain, .file, .host: break } }
        return all
    }
}
