import Compiler
import Foundation
@testable import Planner
@testable import HostModel
import XMLKit
import Digests

/// Hand-built plans for the renderer tests, and the lab plan made through the library.
public enum RenderFixtures {
    public static let policy = PolicySnapshot(Policy(posture: Posture(), domains: DomainSelector(), rules: []))
    /// A fixed day for plans whose waivers or attestations expire (2026-07-01, UTC).
    public static let day = Date(timeIntervalSince1970: 1_782_864_000)

    public static func plan(
        changes: [Change] = [], findings: [Finding] = [], waived: [WaivedItem] = [],
        pendingRestart: [PendingRestart] = [], notes: [String] = []
    ) -> Plan {
        Plan(
            profileDigest: String(repeating: "ab", count: 32), profiles: ["site.yaml"], policy: policy,
            connectURI: "qemu:///system", root: "/", changes: changes, findings: findings, waived: waived,
            pendingRestart: pendingRestart, basis: Basis(), notes: notes)
    }

    public static func change(
        _ address: Address, _ action: Change.Action = .update, before: String? = "old", after: String? = "new",
        rule: String = "rule-a", effect: Effect = .nextDomainBoot, edit: AnyEdit? = nil
    ) -> Change {
        Change(
            address: address, action: action, before: before, after: after, rule: rule, severity: .high,
            effect: effect, edit: edit ?? AnyEdit(DomainEdit.setAttribute(path: address.path ?? "/domain", attribute: "a", value: after ?? "")))
    }

    public static func finding(_ address: Address, kind: Finding.Kind = .evidence, rule: String = "host-smt-off") -> Finding {
        Finding(address: address, kind: kind, rule: rule, severity: .medium, message: "SMT is on", guidance: "Boot with\n  nosmt.")
    }

    /// A plan that holds every kind of item and every case of every enum the JSON carries, so a
    /// schema check of it covers the whole format.
    public static var complete: Plan {
        var changes: [Change] = []
        for (i, edit) in everyEdit.enumerated() {
            let address: Address = edit.kind == DomainResource.kind ? .domain("web01", path: "/domain/x\(i)") : .file("/etc/libvirt/qemu.conf", key: "k\(i)")
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
            basis: Basis(
                objects: [
                    DomainResource.ref("web01"): .digest("hmac-sha256:" + String(repeating: "1", count: 64)),
                    ConfigFileResource.ref("/etc/libvirt/qemu.conf"): .digest("hmac-sha256:" + String(repeating: "2", count: 64)),
                    ConfigFileResource.ref("/etc/sysctl.d/90-kvm.conf"): .absent,
                ],
                facts: ["cpu.vmx": "true"]),
            notes: ["a note"])
    }

    /// Every edit of every registered kind. The switches fail to compile when a case is added,
    /// so the list (and the schema test that uses it) cannot silently fall behind.
    public static var everyEdit: [AnyEdit] {
        let domain: [DomainEdit] = [
            .setAttribute(path: "/domain/a", attribute: "b", value: "c"), .setText(path: "/domain/t", value: "x"),
            .create(path: "/domain/e"), .remove(select: "/domain/r"),
        ]
        let file: [FileEdit] = [.set(key: "k", value: "v"), .setList(key: "l", items: ["a", "b"])]
        for edit in domain { switch edit { case .setAttribute, .setText, .create, .remove: break } }
        let path: [PathEdit] = [.setMode(mode: "0600"), .setOwner(user: "root", uid: 0)]
        for edit in file { switch edit { case .set, .setList: break } }
        for edit in path { switch edit { case .setMode, .setOwner: break } }
        #if DEBUG
        // The fourth, secrets, is read-only: `SecretEdit` has no case to list.
        precondition(ResourceKinds.registered.count == 4, "a kind was registered: add its edits here")
        #endif
        return domain.map(AnyEdit.init) + file.map(AnyEdit.init) + path.map(AnyEdit.init)
    }

    /// Every `Change.Action`, guarded like `everyEdit`.
    public static var everyAction: [Change.Action] {
        let all: [Change.Action] = [.add, .update, .remove]
        for a in all { switch a { case .add, .update, .remove: break } }
        return all
    }

    /// Every `Finding.Kind`, guarded like `everyEdit`.
    public static var everyFindingKind: [Finding.Kind] {
        let all: [Finding.Kind] = [.noncompliant, .advisory, .evidence, .manual, .outOfScope]
        for k in all { switch k { case .noncompliant, .advisory, .evidence, .manual, .outOfScope: break } }
        return all
    }
}
