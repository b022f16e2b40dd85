import Compiler
import Foundation
import Testing
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

/// `--format sarif`: valid against the official SARIF 2.1.0 schema, one located result per
/// change and unwaived finding, rules described for GitHub code scanning.
@Suite struct ReportSARIFTests {
    static let base = Repo.root.path

    static func lab() throws -> (plan: Plan, policy: Policy, sarif: [String: Any], data: Data) {
        let (plan, policy) = try ReportLab.planAndPolicy()
        let data = try SARIFRenderer(policy: policy, hostName: "lab", baseDirectory: base).render(plan)
        return (plan, policy, try ReportLab.object(data), data)
    }

    static func run(_ sarif: [String: Any]) throws -> [String: Any] {
        try #require((sarif["runs"] as? [[String: Any]])?.first)
    }

    @Test func theLabIsValidAgainstTheOfficialSchema() throws {
        let (plan, _, sarif, data) = try Self.lab()
        #expect(!plan.changes.isEmpty && !plan.findings.isEmpty && !plan.waived.isEmpty, "the lab should exercise every kind of item")
        let violations = try ReportSchemaValidator.violations(data, schema: try ReportSchemaValidator.sarifSchema())
        #expect(violations.isEmpty, "\(violations.prefix(20))")
        #expect(sarif["version"] as? String == "2.1.0")
    }

    @Test func everyChangeAndUnwaivedFindingIsAResultWithAPhysicalLocation() throws {
        let (plan, _, sarif, _) = try Self.lab()
        let results = try #require(try Self.run(sarif)["results"] as? [[String: Any]])
        #expect(results.count == plan.changes.count + plan.findings.count)
        for result in results {
            let locations = try #require(result["locations"] as? [[String: Any]])
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any], "no physical location: \(result)")
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            let line = try #require((physical["region"] as? [String: Any])?["startLine"] as? Int)
            // Both profiles lie in the repository, so every location is relative to %SRCROOT%
            // and names a line that exists in that file.
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            #expect(["profiles/nist-800-125a-baseline.yaml", "examples/lab/site.yaml"].contains(uri), "\(uri)")
            let lines = try String(contentsOf: Repo.root.appendingPathComponent(uri), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(line >= 1 && line <= lines.count, "\(uri):\(line)")
            let logical = try #require(locations.first?["logicalLocations"] as? [[String: Any]])
            #expect(logical.first?["name"] as? String == "lab")
        }
    }

    @Test func waivedItemsAreNotResultsButAreListed() throws {
        let (plan, _, sarif, _) = try Self.lab()
        let run = try Self.run(sarif)
        let results = try #require(run["results"] as? [[String: Any]])
        let waived = try #require((run["properties"] as? [String: Any])?["hvharden/waived"] as? [[String: Any]])
        #expect(waived.count == plan.waived.count)
        for item in plan.waived {
            #expect(waived.contains { $0["rule"] as? String == item.rule && $0["reason"] as? String == item.reason })
            let target = item.address.description
            #expect(!results.contains { ($0["properties"] as? [String: Any])?["hvharden/target"] as? String == target && $0["ruleId"] as? String == item.rule })
        }
        #expect(results.allSatisfy { $0["suppressions"] == nil })
    }

    @Test func rulesCarryTheirMetadataAndResultsPointAtThem() throws {
        let (plan, policy, sarif, _) = try Self.lab()
        let run = try Self.run(sarif)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "hvharden")
        #expect(driver["version"] as? String == HVHardenVersion.current)
        #expect(driver["informationUri"] as? String == SARIFRenderer.informationURI)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count >= policy.rules.count)
        for selected in policy.rules {
            let rule = selected.rule
            let descriptor = try #require(rules.first { $0["id"] as? String == rule.id })
            #expect((descriptor["shortDescription"] as? [String: Any])?["text"] as? String == rule.title)
            #expect((descriptor["fullDescription"] as? [String: Any])?["text"] as? String == PlanTextRenderer.oneLine(rule.rationale))
            let help = try #require((descriptor["help"] as? [String: Any])?["text"] as? String)
            #expect(help.contains(PlanTextRenderer.oneLine(rule.guidance)) && help.contains(rule.references.topic))
            let properties = try #require(descriptor["properties"] as? [String: Any])
            let score = try #require(Double(properties["security-severity"] as? String ?? ""))
            let band: ClosedRange<Double> = switch rule.severity {
            case .critical: 9.0...10.0
            case .high: 7.0...8.9
            case .medium: 4.0...6.9
            case .low: 0.1...3.9
            }
            #expect(band.contains(score), "\(rule.id): \(score)")
            let tags = try #require(properties["tags"] as? [String])
            #expect(tags.contains("security") && tags.contains("nist-800-125a/\(rule.references.topic)"))
            for control in rule.references.sp80053 { #expect(tags.contains("nist-800-53/\(control)")) }
        }
        for result in try #require(run["results"] as? [[String: Any]]) {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        #expect(plan.changes.allSatisfy { change in rules.contains { $0["id"] as? String == change.rule } })
    }

    /// A domain of another driver is reported by the planner itself; it still gets a rule.
    @Test func plannerFindingsGetADescriptor() throws {
        let finding = Finding(address: .domain("xen1"), kind: .outOfScope, rule: "domain-driver-in-scope", severity: .low,
                              message: "domain type 'xen' is not QEMU/KVM", guidance: "Exclude it.")
        let plan = RenderFixtures.plan(findings: [finding])
        let policy = Policy(posture: Posture(), domains: DomainSelector(), rules: [])
        let data = try SARIFRenderer(policy: policy, hostName: "h", baseDirectory: "/work").render(plan)
        #expect(try ReportSchemaValidator.violations(data, schema: try ReportSchemaValidator.sarifSchema()).isEmpty)
        let run = try Self.run(try ReportLab.object(data))
        let rules = try #require((run["tool"] as? [String: Any]).flatMap { ($0["driver"] as? [String: Any])?["rules"] as? [[String: Any]] })
        #expect(rules.map { $0["id"] as? String } == ["domain-driver-in-scope"])
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleIndex"] as? Int == 0 && result["level"] as? String == "note")
        let junit = JUnitReport(plan: plan, policy: policy)
        #expect(junit.suites.flatMap(\.cases).map(\.rule) == ["domain-driver-in-scope"])
        #expect(junit.failures == 1)
    }

    /// Guidance names XML elements; in Markdown help they are escaped, not taken for HTML.
    @Test func markdownHelpEscapesElementNames() throws {
        let rule = try #require(RuleCatalogue.shipped.rules.first { $0.guidance.contains("<") })
        let markdown = try #require(SARIFRenderer.descriptor(rule).help.markdown)
        #expect(markdown.contains("\\<") && !markdown.contains(" <") && !markdown.hasPrefix("<"))
        #expect(SARIFRenderer.descriptor(rule).help.text.contains(PlanTextRenderer.oneLine(rule.guidance)))
    }

    @Test(arguments: [(Severity.critical, "error"), (.high, "error"), (.medium, "warning"), (.low, "note")])
    func levelFollowsSeverity(severity: Severity, level: String) throws {
        #expect(SARIFRenderer.level(severity) == level)
        let rule = RuleCatalogue.shipped.rules[0]
        let policy = Policy(posture: Posture(), domains: DomainSelector(), rules: [SelectedRule(rule: rule)])
        let change = Change(address: .domain("web01", path: "/domain/@type"), action: .update, before: "qemu", after: "kvm",
                            rule: rule.id, severity: severity, effect: .nextDomainBoot, edit: AnyEdit(DomainEdit.setAttribute(path: "/domain", attribute: "type", value: "kvm")))
        let plan = RenderFixtures.plan(changes: [change])
        let result = try #require((try Self.run(try ReportLab.object(try SARIFRenderer(policy: policy, hostName: "h", baseDirectory: "/work").render(plan)))["results"] as? [[String: Any]])?.first)
        #expect(result["level"] as? String == level)
    }

    /// The profile line that selected the rule, relative inside the base, `file://` outside it.
    @Test func locationsAreTheSelectingProfileLine() throws {
        let rule = try #require(RuleCatalogue.shipped.rule("domain-graphics-auth"))
        let inside = SelectedRule(rule: rule, selectedBy: SourceLocation(file: "/srv/repo/hosts/site one.yaml", line: 12, column: 5))
        let finding = Finding(address: .domain("web01"), kind: .noncompliant, rule: rule.id, severity: rule.severity, message: "no password", guidance: "set one")
        let plan = RenderFixtures.plan(findings: [finding])
        func location(_ selected: SelectedRule, base: String) throws -> [String: Any] {
            let policy = Policy(posture: Posture(), domains: DomainSelector(), rules: [selected])
            let sarif = try ReportLab.object(try SARIFRenderer(policy: policy, hostName: "hv01", baseDirectory: base).render(plan))
            let result = try #require((try Self.run(sarif)["results"] as? [[String: Any]])?.first)
            return try #require((result["locations"] as? [[String: Any]])?.first)
        }
        let a = try location(inside, base: "/srv/repo")
        let physical = try #require(a["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "hosts/site%20one.yaml")
        #expect((physical["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "%SRCROOT%")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 12)
        #expect((physical["region"] as? [String: Any])?["startColumn"] as? Int == 5)
        let logical = try #require(a["logicalLocations"] as? [[String: Any]])
        #expect(logical.map { $0["name"] as? String } == ["hv01", "web01"])

        let outside = try location(inside, base: "/elsewhere")
        let artifact = try #require((outside["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "file:///srv/repo/hosts/site%20one.yaml")
        #expect(artifact["uriBaseId"] == nil)
    }

    /// Many results share one profile line; each target keeps its own fingerprint.
    @Test func fingerprintsAreUniquePerTarget() throws {
        let (_, _, sarif, _) = try Self.lab()
        let results = try #require(try Self.run(sarif)["results"] as? [[String: Any]])
        let prints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?[SARIFRenderer.fingerprintKey] }
        #expect(prints.count == results.count)
        let distinctTargets = Set(results.map { r in
            "\(r["ruleId"] ?? "")|\(((r["locations"] as? [[String: Any]])?.first?["logicalLocations"] as? [[String: Any]])?.last?["fullyQualifiedName"] ?? "")"
        })
        #expect(Set(prints).count == distinctTargets.count)
    }

    /// With no profile (the catalogue's defaults) results still have a location: the rule's page.
    @Test func withoutAProfileResultsPointAtTheRulePage() throws {
        let (plan, policy) = try ReportLab.planAndPolicy(profiles: [])
        #expect(plan.profiles.isEmpty)
        let data = try SARIFRenderer(policy: policy, hostName: "lab", baseDirectory: Self.base).render(plan)
        #expect(try ReportSchemaValidator.violations(data, schema: try ReportSchemaValidator.sarifSchema()).isEmpty)
        let results = try #require(try Self.run(try ReportLab.object(data))["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let uri = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
                .flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String }
            #expect(uri == "\(SARIFRenderer.informationURI)/rules/\(result["ruleId"] as? String ?? "")")
        }
    }

    /// The built binary: `plan --format sarif` on the lab is valid SARIF with located results.
    @Test func theCommandWritesValidSARIF() throws {
        let run = try CLI.run([
            "plan", "--profile", ReportLab.profiles[0], "--profile", ReportLab.profiles[1],
            "--connect", RenderLab.connectURI, "--root", RenderLab.root, "--format", "sarif",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let data = Data(run.stdout.utf8)
        #expect(try ReportSchemaValidator.violations(data, schema: try ReportSchemaValidator.sarifSchema()).isEmpty)
        let results = try #require(try Self.run(try ReportLab.object(data))["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        #expect(results.allSatisfy { (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) != nil })
    }
}
