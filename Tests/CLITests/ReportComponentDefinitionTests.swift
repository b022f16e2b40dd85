import Compiler
import Foundation
import Testing
@testable import Planner
import TestSupport
import LiveTestSupport

/// `hvharden rules --format oscal`: a component definition trestle accepts, one implemented
/// requirement per referenced SP 800-53 control listing exactly the selected rules that cite it.
@Suite struct ReportComponentDefinitionTests {
    static func rules(_ profile: String) throws -> Data {
        let run = try CLI.run(["rules", "--profile", profile, "--format", "oscal"])
        #expect(run.status == 0, "\(run.stderr)")
        return Data(run.stdout.utf8)
    }

    static func requirements(_ data: Data) throws -> [[String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let component = try #require(((root["component-definition"] as? [String: Any])?["components"] as? [[String: Any]])?.first)
        let implementation = try #require((component["control-implementations"] as? [[String: Any]])?.first)
        return try #require(implementation["implemented-requirements"] as? [[String: Any]])
    }

    @Test func baselineIsAValidComponentDefinitionListingEachControlsRules() throws {
        let data = try Self.rules("nist-800-125a-baseline")
        let rejection = try EvidenceToolSupport.trestleRejection(data, model: "ComponentDefinition")
        #expect(rejection == nil, "trestle rejects the component definition: \(rejection ?? "")")

        let policy = try Compiler.compile(profiles: ["nist-800-125a-baseline"]).policy
        var expected: [String: Set<String>] = [:]
        for selected in policy.rules {
            for reference in selected.rule.references.sp80053 { expected[RuleEvidence.controlID(reference), default: []].insert(selected.rule.id) }
        }
        let requirements = try Self.requirements(data)
        var listed: [String: Set<String>] = [:]
        for requirement in requirements {
            let control = try #require(requirement["control-id"] as? String)
            #expect(control.wholeMatch(of: /[a-z]{2}-\d+(\.\d+)?/) != nil, "\(control)")
            for prop in requirement["props"] as? [[String: Any]] ?? [] where prop["name"] as? String == "rule" {
                let id = try #require(prop["value"] as? String)
                listed[control, default: []].insert(id)
                let rule = try #require(RuleCatalogue.shipped.rule(id))
                #expect(prop["class"] as? String == (rule.target == .manual ? "manual" : "automated"))
                #expect(prop["remarks"] as? String == rule.title)
            }
        }
        #expect(listed == expected)
        #expect(listed.values.contains { ids in ids.contains { RuleCatalogue.shipped.rule($0)?.target == .manual } })
    }

    @Test func uuidsAreStableAndFollowThePolicy() throws {
        let baseline = try ReportOSCALTests.uuids(try Self.rules("nist-800-125a-baseline"))
        #expect(baseline == (try ReportOSCALTests.uuids(try Self.rules("nist-800-125a-baseline"))))
        let high = try ReportOSCALTests.uuids(try Self.rules("nist-800-125a-high"))
        #expect(baseline != high)
    }

    @Test func notWithAll() throws {
        let run = try CLI.run(["rules", "--all", "--format", "oscal"])
        #expect(run.status == 1 && run.stdout.isEmpty)
        #expect(run.stderr.contains("--all"), "\(run.stderr)")
    }
}
