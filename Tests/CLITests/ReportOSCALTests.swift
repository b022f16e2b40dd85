import Compiler
import Foundation
import Testing
@testable import Planner
import TestSupport
import LiveTestSupport

/// `--format oscal` (assessment results) and `rules --format oscal` (component definition):
/// NIST's models (compliance-trestle) accept them, their content follows the plan, and their
/// UUIDs are the same on every run and differ between hosts.
@Suite struct ReportOSCALTests {
    static let start = Date(timeIntervalSince1970: 1_782_900_000)

    static func results(_ plan: Plan, _ policy: Policy, host: String = "lab", start: Date = start) throws -> Data {
        try AssessmentResultsRenderer(policy: policy, hostName: host, start: start, end: start.addingTimeInterval(2)).render(plan)
    }

    static func result(_ data: Data) throws -> [String: Any] {
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let document = try #require(root["assessment-results"] as? [String: Any])
        return try #require((document["results"] as? [[String: Any]])?.first)
    }

    static func list(_ object: [String: Any], _ key: String) -> [[String: Any]] { object[key] as? [[String: Any]] ?? [] }

    static func prop(_ object: [String: Any], _ name: String) -> String? {
        list(object, "props").first { $0["name"] as? String == name }?["value"] as? String
    }

    /// Every `"uuid"` value in a document, at any depth.
    static func uuids(_ data: Data) throws -> Set<String> {
        var found: Set<String> = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, inner) in object { if key == "uuid", let id = inner as? String { found.insert(id) } else { walk(inner) } }
            } else if let array = value as? [Any] { array.forEach(walk) }
        }
        walk(try JSONSerialization.jsonObject(with: data))
        return found
    }

    /// The complete fixture (every item kind), with a manual rule it attests and a domain rule
    /// that passes, so every status appears.
    static func complete() throws -> (Plan, Policy) {
        var plan = RenderFixtures.complete
        var policy = try ReportContext.policy(of: plan)
        let manual = try #require(RuleCatalogue.shipped.rules.first { $0.target == .manual && !$0.references.sp80053.isEmpty })
        let domain = try #require(RuleCatalogue.shipped.rules.first { $0.target == .domain && !$0.references.sp80053.isEmpty })
        policy.rules += [SelectedRule(rule: manual), SelectedRule(rule: domain)]
        plan.policy.attestations.append(Attestation(rule: manual.id, statement: "Reviewed by <ops> & \"audit\" on 2026-06-01", expires: "2027-01-01"))
        return (plan, policy)
    }

    @Test func labAndCompleteFixtureAreValidAssessmentResults() throws {
        let (lab, labPolicy) = try RenderLab.planAndPolicy()
        let (complete, completePolicy) = try Self.complete()
        for (name, data) in [("lab", try Self.results(lab, labPolicy)), ("complete", try Self.results(complete, completePolicy))] {
            let rejection = try EvidenceToolSupport.trestleRejection(data, model: "AssessmentResults")
            #expect(rejection == nil, "trestle rejects the \(name) document: \(rejection ?? "")")
        }
        // The control: trestle does reject a document that breaks the model.
        let broken = String(decoding: try Self.results(lab, labPolicy), as: UTF8.self).replacingOccurrences(of: "\"not-satisfied\"", with: "\"failed\"")
        #expect(try EvidenceToolSupport.trestleRejection(Data(broken.utf8), model: "AssessmentResults") != nil)
    }

    @Test func observationsFindingsAndRisksFollowTheLabPlan() throws {
        let (plan, policy) = try RenderLab.planAndPolicy()
        let data = try Self.results(plan, policy)
        #expect(!String(decoding: data, as: UTF8.self).contains("hunter2"))
        let result = try Self.result(data)
        #expect(Self.prop(result, "profile-digest") == plan.profileDigest)
        #expect(Self.prop(result, "hvharden-version") == plan.hvhardenVersion)
        #expect(result["start"] as? String == "2026-07-01T10:00:00Z" && result["end"] as? String == "2026-07-01T10:00:02Z")
        let evidence = RuleEvidence(plan: plan, policy: policy)
        let observations = Self.list(result, "observations")
        #expect(observations.count == evidence.items.count)

        // A change: its observation carries the observed and expected display values.
        let change = try #require(plan.changes.first { $0.address.ref?.kind == DomainResource.kind })
        let observation = try #require(observations.first { $0["title"] as? String == "\(change.rule) on \(change.address.object)" })
        let entry = try #require(Self.list(observation, "relevant-evidence").first { Self.prop($0, "path") == change.address.path })
        #expect(Self.prop(entry, "observed") == (change.before ?? "(absent)") && Self.prop(entry, "expected") == (change.after ?? "(absent)"))
        #expect(observation["methods"] as? [String] == ["TEST"])

        // Findings: one per rule, target and control, satisfied exactly where the plan has nothing.
        let findings = Self.list(result, "findings")
        let failing = Set(plan.changes.map { "\($0.rule)|\($0.address.object)" } + plan.findings.map { "\($0.rule)|\($0.address.object)" })
        #expect(findings.count == evidence.items.reduce(0) { $0 + $1.controls.count })
        var states: Set<String> = []
        for finding in findings {
            let target = try #require(finding["target"] as? [String: Any])
            let id = try #require(target["target-id"] as? String)
            #expect(id.wholeMatch(of: /[a-z]{2}-\d+(\.\d+)?_smt/) != nil, "\(id)")
            let state = try #require((target["status"] as? [String: Any])?["state"] as? String)
            let key = "\(Self.prop(finding, "rule") ?? "")|\(Self.prop(finding, "target") ?? "")"
            #expect((state == "not-satisfied") == (failing.contains(key) || plan.waived.contains { "\($0.rule)|\($0.address.object)" == key }), "\(key)")
            states.insert(state)
        }
        #expect(states == ["satisfied", "not-satisfied"])
        let controls = Set(findings.compactMap { Self.prop($0, "control-id") })
        let selections = try #require(result["reviewed-controls"] as? [String: Any])
        let reviewed = try #require(Self.list(selections, "control-selections").first)
        #expect(Set(Self.list(reviewed, "include-controls").compactMap { $0["control-id"] as? String }) == controls)

        // The site profile's waiver is a risk with its reason, expiry and a deviation status.
        let waived = try #require(plan.waived.first)
        let risk = try #require(Self.list(result, "risks").first)
        #expect(Self.list(result, "risks").count == plan.waived.count)
        #expect(risk["statement"] as? String == waived.reason && risk["status"] as? String == "deviation-approved")
        #expect(risk["deadline"] as? String == "\(waived.expires)T23:59:59Z")
    }

    @Test func attestedManualStepsAreExaminedWithTheStatement() throws {
        let (plan, policy) = try Self.complete()
        let result = try Self.result(try Self.results(plan, policy))
        let attestation = try #require(plan.policy.attestations.last)
        let observation = try #require(Self.list(result, "observations").first { Self.prop($0, "rule") == attestation.rule })
        #expect(observation["methods"] as? [String] == ["EXAMINE"])
        #expect(Self.list(observation, "relevant-evidence").first?["description"] as? String == "Attested by the profile: \(attestation.statement)")
        #expect(observation["expires"] as? String == "2027-01-01T23:59:59Z")
        let finding = try #require(Self.list(result, "findings").first { Self.prop($0, "rule") == attestation.rule })
        #expect(((finding["target"] as? [String: Any])?["status"] as? [String: Any])?["state"] as? String == "satisfied")
        // The fixture's secret position stays redacted.
        #expect(String(decoding: try Self.results(plan, policy), as: UTF8.self).contains("(sensitive)"))
    }

    @Test func uuidsAreStableAcrossRunsAndDifferBetweenHosts() throws {
        let (plan, policy) = try RenderLab.planAndPolicy()
        let first = try Self.uuids(try Self.results(plan, policy))
        let again = try Self.uuids(try Self.results(try RenderLab.planAndPolicy().plan, policy, start: Date()))
        #expect(first == again && first.count > 100)
        let other = try Self.uuids(try Self.results(plan, policy, host: "lab-2"))
        #expect(first.intersection(other) == [OSCAL.uuid("component", "hvharden").text], "only hvharden's own component is shared")
    }

    @Test func controlIDsInOSCALForm() {
        #expect(RuleEvidence.controlID("AC-6(10)") == "ac-6.10")
        #expect(RuleEvidence.controlID("SC-7") == "sc-7")
        #expect(RuleEvidence.controlID("SI-7 (9)") == "si-7.9")
    }
}
