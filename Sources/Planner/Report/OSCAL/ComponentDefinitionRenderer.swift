import Compiler
import Foundation

/// The rule catalogue as a policy applies it, as an OSCAL 1.1 component-definition: hvharden is
/// one software component whose control implementation has an implemented requirement per
/// SP 800-53 control its selected rules reference, each listing those rules (id, title, and
/// whether hvharden checks it or an operator does: `automated` or `manual`). UUIDs are
/// name-based on the profile digest, the control and its rule ids, so the same policy always
/// gives the same ids.
public struct ComponentDefinitionRenderer: Sendable {
    public var policy: Policy
    public var lastModified: Date

    public init(policy: Policy, lastModified: Date) {
        self.policy = policy
        self.lastModified = lastModified
    }

    public func render() throws -> Data {
        try OSCAL.encode(document())
    }

    /// The controls in id order, each with the selected rules that reference it (by id).
    public var requirements: [(control: String, rules: [Rule])] {
        var byControl: [String: [Rule]] = [:]
        for selected in policy.rules {
            for control in Set(selected.rule.references.sp80053.map(RuleEvidence.controlID)) {
                byControl[control, default: []].append(selected.rule)
            }
        }
        return byControl.keys.sorted(by: Self.controlOrder).map { control in
            (control, byControl[control]!.sorted { $0.id < $1.id })
        }
    }

    public func document() -> JSONValue {
        let digest = policy.digest
        let profiles = policy.sources.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
        let implemented: [JSONValue] = requirements.map { control, rules in
            let list = rules.map { "- \($0.id) (\(Self.mode($0))): \(Self.oneLine($0.title))" }.joined(separator: "\n")
            return .object([
                "uuid": OSCAL.uuid("implemented-requirement", control, rules.map(\.id).joined(separator: ",")),
                "control-id": .string(control),
                "description": OSCAL.text("hvharden rules that implement \(control):\n\n\(list)"),
                "props": .array(rules.map { rule in
                    OSCAL.prop("rule", rule.id, class: Self.mode(rule), remarks: rule.title)
                }),
            ])
        }
        let implementation: JSONValue = .object([
            "uuid": OSCAL.uuid("control-implementation", digest),
            "source": .string("https://doi.org/10.6028/NIST.SP.800-53r5"),
            "description": OSCAL.text("""
                The \(policy.rules.count) rules the profiles select (\(profiles.isEmpty ? "the catalogue's defaults" : profiles)), \
                by the NIST SP 800-53 Rev. 5 controls their references name. Automated rules are checked \
                (and, where they have a fix, enforced) by hvharden plan and apply; manual rules are steps \
                an operator performs and the profile attests.
                """),
            "props": .array([OSCAL.prop("profile-digest", digest)]),
            "implemented-requirements": .array(implemented),
        ])
        return .object(["component-definition": .object([
            "uuid": OSCAL.uuid("component-definition", digest),
            "metadata": OSCAL.metadata(
                title: "hvharden rules for NIST SP 800-125A", lastModified: lastModified,
                props: [OSCAL.prop("profile-digest", digest)]),
            "components": .array([.object([
                "uuid": OSCAL.uuid("component", "hvharden"), "type": .string("software"), "title": .string("hvharden"),
                "description": .string("Declarative hardening for KVM/libvirt hypervisor hosts, implementing NIST SP 800-125A Rev. 1."),
                "props": .array([OSCAL.prop("version", HVHardenVersion.current)]),
                "control-implementations": .array(implemented.isEmpty ? [] : [implementation]),
            ])]),
        ])])
    }

    /// `automated` when hvharden checks the rule, `manual` when an operator does.
    static func mode(_ rule: Rule) -> String { rule.target == .manual ? "manual" : "automated" }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Family, then number, then enhancement: `ac-3` < `ac-6` < `ac-6.10` < `ac-17`.
    static func controlOrder(_ a: String, _ b: String) -> Bool {
        func parts(_ id: String) -> (String, [Int]) {
            let pieces = id.split(separator: "-", maxSplits: 1)
            let numbers = pieces.count > 1 ? pieces[1].split(separator: ".").map { Int($0) ?? 0 } : []
            return (String(pieces.first ?? ""), numbers)
        }
        let (fa, na) = parts(a), (fb, nb) = parts(b)
        if fa != fb { return fa < fb }
        return na.lexicographicallyPrecedes(nb)
    }
}
