import Compiler
import Foundation

/// A plan as an OSCAL 1.1 assessment-results document (NIST's JSON model): one result for the
/// plan, the host and each domain as inventory items, an observation per rule and target with its
/// evidence, a finding per rule, target and SP 800-53 control (satisfied or not), and a risk per
/// waived item (status `deviation-approved`, its reason and expiry). Manual steps the profile
/// attests are observations by method `EXAMINE` with the profile's statement.
///
/// Evidence is the plan's display values only (`(sensitive)` for secrets), never an edit. Every
/// UUID is name-based (`OSCAL.uuid`) on the host name and rule ids, so planning the same host
/// again gives the same ids; the times are the plan's own.
public struct AssessmentResultsRenderer: Sendable {
    public var policy: Policy
    public var hostName: String
    /// When planning started and ended.
    public var start: Date
    public var end: Date

    public init(policy: Policy, hostName: String, start: Date, end: Date) {
        self.policy = policy
        self.hostName = hostName
        self.start = start
        self.end = end
    }

    public func render(_ plan: Plan) throws -> Data {
        try OSCAL.encode(document(plan))
    }

    /// The document as a JSON value, for tests that read it.
    public func document(_ plan: Plan) -> JSONValue {
        let evidence = RuleEvidence(plan: plan, policy: policy)
        let basis = OSCAL.uuid("assessment-plan", hostName, plan.profileDigest)
        let profiles = plan.profiles.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
        return .object(["assessment-results": .object([
            "uuid": OSCAL.uuid("assessment-results", hostName, plan.profileDigest),
            "metadata": OSCAL.metadata(
                title: "hvharden assessment of \(hostName)", lastModified: end,
                props: [OSCAL.prop("profile-digest", plan.profileDigest)]),
            "import-ap": .object([
                "href": .string("#\(basis.text)"),
                "remarks": .string("hvharden has no separate assessment plan: the profiles it compiled (in the back matter) are the plan."),
            ]),
            "results": .array([result(plan, evidence)]),
            "back-matter": .object(["resources": .array([.object([
                "uuid": basis, "title": OSCAL.line("hvharden profiles: \(profiles.isEmpty ? "(catalogue defaults)" : profiles)"),
                "description": OSCAL.text("The compiled policy of \(plan.policy.rules.count) rules; its profile digest is \(plan.profileDigest)."),
                "props": .array([OSCAL.prop("profile-digest", plan.profileDigest)]),
            ])])]),
        ])])
    }

    private func result(_ plan: Plan, _ evidence: RuleEvidence) -> JSONValue {
        let satisfied = evidence.items.filter(\.status.isSatisfied).count
        let controls = Set(evidence.items.flatMap(\.controls)).sorted()
        let selection: JSONValue = controls.isEmpty
            ? .object(["description": .string("No rule of the plan references an SP 800-53 control.")])
            : .object(["include-controls": .array(controls.map { .object(["control-id": .string($0)]) })])
        return .object([
            "uuid": OSCAL.uuid("result", hostName, plan.profileDigest),
            "title": OSCAL.line("hvharden plan of \(hostName)"),
            "description": OSCAL.text("""
                The host as hvharden planned it through \(plan.connectURI) (root \(plan.root)): \
                \(evidence.items.count) rule and target pairs, \(satisfied) satisfied; \
                \(plan.changes.count) changes, \(plan.findings.count) findings, \(plan.waived.count) waived.
                """),
            "start": OSCAL.timestamp(start), "end": OSCAL.timestamp(max(start, end)),
            "props": .array([
                OSCAL.prop("profile-digest", plan.profileDigest), OSCAL.prop("hvharden-version", plan.hvhardenVersion),
                OSCAL.prop("connect-uri", plan.connectURI), OSCAL.prop("root", plan.root),
            ]),
            "local-definitions": .object([
                "components": .array([tool]),
                "inventory-items": .array(subjects(plan, evidence).map { subject in
                    .object(["uuid": subject.uuid, "description": OSCAL.text(subject.description),
                             "props": .array([OSCAL.prop(subject.kind, subject.name)])])
                }),
            ]),
            "reviewed-controls": .object(["control-selections": .array([selection])]),
            "observations": .array(evidence.items.map(observation)),
            "risks": .array(evidence.items.compactMap(risk)),
            "findings": .array(evidence.items.flatMap(findings)),
        ])
    }

    /// hvharden itself, the tool every observation comes from.
    private var tool: JSONValue {
        .object([
            "uuid": OSCAL.uuid("component", "hvharden"), "type": .string("software"), "title": .string("hvharden"),
            "description": .string("Declarative hardening for KVM/libvirt hosts (NIST SP 800-125A Rev. 1)."),
            "props": .array([OSCAL.prop("version", HVHardenVersion.current)]),
            "status": .object(["state": .string("operational")]),
        ])
    }

    private struct Subject {
        var uuid: JSONValue
        var kind: String
        var name: String
        var description: String
    }

    /// The host, then each domain the plan read or names.
    private func subjects(_ plan: Plan, _ evidence: RuleEvidence) -> [Subject] {
        let domains = Set(plan.basis.objects.keys.filter { $0.kind == DomainResource.kind }.map(\.name)
            + evidence.targets.compactMap { $0.name(of: DomainResource.self) })
        return [subject(.host)] + domains.sorted().map { subject(.domain($0)) }
    }

    /// A target's subject: its domain, or the host (for files and host facts too).
    private func subject(_ target: Address) -> Subject {
        if let domain = target.name(of: DomainResource.self) {
            return Subject(uuid: OSCAL.uuid("inventory-item", hostName, "domain", domain), kind: "domain", name: domain,
                           description: "The libvirt domain '\(domain)' on \(hostName).")
        }
        return Subject(uuid: OSCAL.uuid("inventory-item", hostName), kind: "host", name: hostName,
                       description: "The KVM/libvirt hypervisor host \(hostName).")
    }

    private func observationUUID(_ item: RuleEvidence.Item) -> JSONValue {
        OSCAL.uuid("observation", hostName, item.rule, item.target.object)
    }

    private func observation(_ item: RuleEvidence.Item) -> JSONValue {
        let subject = subject(item.target)
        var object: [String: JSONValue] = [
            "uuid": observationUUID(item),
            "title": OSCAL.line("\(item.rule) on \(item.target.object)"),
            "description": OSCAL.text("\(item.title): \(AssessmentResultsRenderer.phrase(item.status))."),
            "methods": .array([.string(method(item))]),
            "props": .array([
                OSCAL.prop("rule", item.rule), OSCAL.prop("severity", item.severity.rawValue),
                OSCAL.prop("target", item.target.object),
            ]),
            "subjects": .array([.object(["subject-uuid": subject.uuid, "type": .string("inventory-item"), "title": OSCAL.line(subject.name)])]),
            "origins": .array([.object(["actors": .array([.object(["type": .string("tool"), "actor-uuid": OSCAL.uuid("component", "hvharden")])])])]),
            "relevant-evidence": .array(evidence(item)),
            "collected": OSCAL.timestamp(start),
        ]
        if case .attested(_, let expires?) = item.status, let day = OSCAL.endOfDay(expires) { object["expires"] = day }
        return .object(object)
    }

    private func method(_ item: RuleEvidence.Item) -> String {
        if case .attested = item.status { return "EXAMINE" }
        return item.automated ? "TEST" : "UNKNOWN"
    }

    /// One entry per change (observed and expected value) or finding; one for the rest.
    private func evidence(_ item: RuleEvidence.Item) -> [JSONValue] {
        switch item.status {
        case .attested(let statement, _):
            return [.object(["description": OSCAL.text("Attested by the profile: \(statement)")])]
        case .satisfied:
            return [.object(["description": OSCAL.text("hvharden checked \(item.target.object) and found it compliant.")])]
        case .notAssessed(let reason):
            return [.object(["description": OSCAL.text(reason)])]
        case .changes, .findings, .waived:
            return item.details.map { detail in
                let at = detail.path ?? "(the whole \(item.target.object))"
                if let before = detail.before, let after = detail.after {
                    return .object([
                        "description": OSCAL.text("\(at): observed \(before), expected \(after)."),
                        "props": .array([OSCAL.prop("path", at), OSCAL.prop("observed", before), OSCAL.prop("expected", after)]),
                    ])
                }
                let guidance = detail.guidance.map { "\n\nWhat to do: \($0)" } ?? ""
                return .object([
                    "description": OSCAL.text("\(detail.kind ?? "finding") at \(at): \(detail.message ?? "")\(guidance)"),
                    "props": .array([OSCAL.prop("path", at), OSCAL.prop("finding-kind", detail.kind ?? "finding")]),
                ])
            } + (item.details.isEmpty ? [.object(["description": OSCAL.text(AssessmentResultsRenderer.phrase(item.status))])] : [])
        }
    }

    private func risk(_ item: RuleEvidence.Item) -> JSONValue? {
        guard case .waived(let reason, let expires) = item.status else { return nil }
        var object: [String: JSONValue] = [
            "uuid": OSCAL.uuid("risk", hostName, item.rule, item.target.object),
            "title": OSCAL.line("Waived: \(item.rule) on \(item.target.object)"),
            "description": OSCAL.text("\(item.title): fails on \(item.target.object); a waiver of the profile accepts it until \(expires)."),
            "statement": OSCAL.text(reason),
            "status": .string("deviation-approved"),
            "props": .array([OSCAL.prop("rule", item.rule), OSCAL.prop("waiver-expires", expires)]),
            "related-observations": .array([.object(["observation-uuid": observationUUID(item)])]),
        ]
        if let deadline = OSCAL.endOfDay(expires) { object["deadline"] = deadline }
        return .object(object)
    }

    /// One finding per control the rule references; none when it references none, or when it
    /// was not assessed.
    private func findings(_ item: RuleEvidence.Item) -> [JSONValue] {
        if case .notAssessed = item.status { return [] }
        let state = item.status.isSatisfied ? "satisfied" : "not-satisfied"
        return item.controls.map { control in
            var object: [String: JSONValue] = [
                "uuid": OSCAL.uuid("finding", hostName, item.rule, item.target.object, control),
                "title": OSCAL.line("\(control) on \(item.target.object): \(item.rule)"),
                "description": OSCAL.text("\(item.title) (\(item.rule)) is \(AssessmentResultsRenderer.phrase(item.status)) on \(item.target.object)."),
                "props": .array([
                    OSCAL.prop("rule", item.rule), OSCAL.prop("control-id", control), OSCAL.prop("target", item.target.object),
                    OSCAL.prop("severity", item.severity.rawValue),
                ]),
                "target": .object([
                    "type": .string("statement-id"), "target-id": .string("\(control)_smt"),
                    "status": .object(["state": .string(state), "reason": .string(item.status.isSatisfied ? "pass" : "fail")]),
                ]),
                "related-observations": .array([.object(["observation-uuid": observationUUID(item)])]),
            ]
            if case .waived = item.status {
                object["related-risks"] = .array([.object(["risk-uuid": OSCAL.uuid("risk", hostName, item.rule, item.target.object)])])
            }
            return .object(object)
        }
    }

    /// The status in words.
    static func phrase(_ status: RuleEvidence.Status) -> String {
        switch status {
        case .satisfied: return "satisfied"
        case .attested(_, let expires): return "attested by the profile" + (expires.map { " until \($0)" } ?? "")
        case .changes: return "not satisfied: apply would change it"
        case .findings: return "not satisfied: findings remain"
        case .waived(_, let expires): return "not satisfied, waived until \(expires)"
        case .notAssessed(let reason): return "not assessed (\(reason))"
        }
    }
}

extension JSONValue {
    /// The string of a `.string`; empty otherwise.
    public var text: String {
        if case .string(let s) = self { return s }
        return ""
    }
}
