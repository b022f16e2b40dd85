import Compiler
import Foundation
import Host
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// `--format junit`: well-formed XML, one test case per rule and target, counts that add up.
@Suite struct ReportJUnitTests {
    static func lab() throws -> (plan: Plan, policy: Policy, report: JUnitReport, document: XMLDocument) {
        let (plan, policy) = try ReportLab.planAndPolicy()
        let data = try JUnitRenderer(policy: policy, hostName: "lab").render(plan)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        return (plan, policy, JUnitReport(plan: plan, policy: policy), try XMLDocument(string: text))
    }

    @Test func theLabIsWellFormedAndCountsAddUp() throws {
        let (_, _, report, document) = try Self.lab()
        let root = document.root
        #expect(root.name == "testsuites")
        let suites = root.children(named: "testsuite")
        #expect(suites.count == report.suites.count)
        var tests = 0, failures = 0, skipped = 0
        for suite in suites {
            let cases = suite.children(named: "testcase")
            let failed = cases.filter { !$0.children(named: "failure").isEmpty }.count
            let skips = cases.filter { !$0.children(named: "skipped").isEmpty }.count
            #expect(Int(suite.attribute("tests") ?? "") == cases.count)
            #expect(Int(suite.attribute("failures") ?? "") == failed)
            #expect(Int(suite.attribute("skipped") ?? "") == skips)
            #expect(suite.attribute("errors") == "0")
            #expect(suite.attribute("hostname") == "lab")
            tests += cases.count; failures += failed; skipped += skips
        }
        #expect(Int(root.attribute("tests") ?? "") == tests)
        #expect(Int(root.attribute("failures") ?? "") == failures)
        #expect(Int(root.attribute("skipped") ?? "") == skipped)
        #expect(failures > 0 && skipped > 0 && tests > failures + skipped, "the lab has failing, waived and passing cases")
    }

    /// Each (rule, target) of the plan's changes and findings is exactly one failing case, each
    /// waived item one skipped case, and each domain rule is a case on every QEMU/KVM domain.
    @Test func casesMatchThePlan() throws {
        let (plan, policy, report, _) = try Self.lab()
        let cases = report.suites.flatMap(\.cases)
        #expect(Set(cases.map { "\($0.rule)|\($0.target)" }).count == cases.count, "one case per rule and target")
        let failing = Set((plan.changes.map { "\($0.rule)|\($0.address.object)" }) + plan.findings.map { "\($0.rule)|\($0.address.object)" })
        let failed = Set(cases.filter { if case .failed = $0.outcome { true } else { false } }.map { "\($0.rule)|\($0.target)" })
        #expect(failed == failing)
        let waived = Set(plan.waived.map { "\($0.rule)|\($0.address.object)" })
        let skipped = Set(cases.filter { if case .skipped = $0.outcome { true } else { false } }.map { "\($0.rule)|\($0.target)" })
        #expect(skipped == waived)
        let outOfScope = Set(plan.findings.filter { $0.kind == .outOfScope }.compactMap(\.address.domain))
        let domains = Set(plan.basis.domains.keys).subtracting(outOfScope)
        for selected in policy.rules where selected.rule.target == .domain {
            let targets = Set(cases.filter { $0.rule == selected.rule.id }.map(\.target))
            #expect(targets == Set(domains.map { "domain '\($0)'" }), "\(selected.rule.id)")
        }
        for selected in policy.rules where selected.rule.target == .hostFact {
            #expect(cases.contains { $0.rule == selected.rule.id && $0.target == "host" })
        }
    }

    @Test func failureElementsCarryTheirItems() throws {
        let (plan, _, _, document) = try Self.lab()
        let change = try #require(plan.changes.first)
        let suite = try #require(document.root.children(named: "testsuite").first { $0.attribute("name") == change.address.object })
        let testCase = try #require(suite.children(named: "testcase").first { $0.attribute("name") == change.rule })
        let failure = try #require(testCase.children(named: "failure").first)
        #expect(failure.attribute("type") == "change")
        #expect(failure.text.contains(change.address.path ?? ""))
        #expect(testCase.attribute("classname") == change.address.object)
    }

    /// Host-file and fact rules skipped for a remote URI are skipped cases with the note.
    @Test func hostRulesOfARemotePlanAreSkipped() throws {
        let fact = try #require(RuleCatalogue.shipped.rules.first { $0.target == .hostFact })
        let file = try #require(RuleCatalogue.shipped.rules.first { $0.target == .hostFile })
        let policy = Policy(posture: Posture(), domains: DomainSelector(), rules: [SelectedRule(rule: fact), SelectedRule(rule: file)])
        var plan = RenderFixtures.plan(notes: ["skipped"])
        plan.connectURI = "qemu+ssh://hv02/system"
        let report = JUnitReport(plan: plan, policy: policy)
        let cases = report.suites.flatMap(\.cases)
        #expect(cases.count == 2)
        for c in cases {
            guard case .skipped(let message) = c.outcome else { Issue.record("\(c.rule) is not skipped"); continue }
            #expect(message.contains("hv02"))
        }
    }

    /// Characters XML 1.0 cannot hold are replaced, so a hostile domain name cannot break the file.
    @Test func controlCharactersStayWellFormed() throws {
        let rule = try #require(RuleCatalogue.shipped.rule("domain-graphics-auth"))
        let policy = Policy(posture: Posture(), domains: DomainSelector(), rules: [SelectedRule(rule: rule)])
        let finding = Finding(address: .domain("evil\u{1}<&>\"name"), kind: .noncompliant, rule: rule.id, severity: .medium,
                              message: "bad \u{1B}[31m text ]]>", guidance: "x")
        let plan = RenderFixtures.plan(findings: [finding])
        let text = String(decoding: try JUnitRenderer(policy: policy, hostName: "h").render(plan), as: UTF8.self)
        let document = try XMLDocument(string: text)
        let suite = try #require(document.root.children(named: "testsuite").first)
        #expect(suite.attribute("name") == "domain 'evil\u{FFFD}<&>\"name'")
        #expect(try #require(suite.children(named: "testcase").first?.children(named: "failure").first).text.contains("]]>"))
    }

    @Test func theCommandWritesJUnit() throws {
        let run = try CLI.run(RenderLab.planArguments + ["--format", "junit"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try XMLDocument(string: run.stdout)
        #expect(document.root.name == "testsuites")
        #expect(Int(document.root.attribute("failures") ?? "") ?? 0 > 0)
    }
}
