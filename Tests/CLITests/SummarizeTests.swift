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

/// `hvharden summarize`: per-host and per-rule counts over saved plans, and its exit codes.
@Suite struct SummarizeTests {
    static func change(_ domain: String, rule: String = "domain-type-kvm", path: String = "/domain/@type") -> Change {
        RenderFixtures.change(.domain(domain, path: path), rule: rule)
    }

    static func fleet() -> [(name: String, plan: Plan)] {
        var remote = RenderFixtures.plan(changes: [change("web01"), change("web01", path: "/domain/x"), change("db01")])
        remote.connectURI = "qemu+ssh://hv02/system"
        let local = RenderFixtures.plan(
            changes: [change("web01"), change("web01", rule: "domain-vmport-off", path: "/domain/features/vmport/@state")],
            findings: [RenderFixtures.finding(.host), RenderFixtures.finding(.domain("web01"), rule: "domain-type-kvm")])
        let clean = RenderFixtures.plan(waived: [WaivedItem(address: .domain("legacy"), rule: "domain-graphics-auth", reason: "SEC-1", expires: "2099-01-01")])
        return [("plans/hv02.json", remote), ("plans/hv01.json", local), ("/tmp/hv03.json", clean)]
    }

    @Test func hostsAreCountedAndLabelled() {
        let summary = FleetSummary(plans: Self.fleet())
        #expect(summary.hosts.map(\.host) == ["hv02", "hv01", "hv03"])
        #expect(summary.hosts.map(\.changes) == [3, 2, 0])
        #expect(summary.hosts.map(\.domainsChanged) == [2, 1, 0])
        #expect(summary.hosts.map(\.findings) == [0, 2, 0])
        #expect(summary.hosts.map(\.waived) == [0, 0, 1])
        #expect(summary.plans == 3 && summary.hostsWithChanges == 2 && summary.hostsWithFindings == 1)
        #expect(summary.changes == 5 && summary.findings == 2 && summary.waived == 1)
        #expect(summary.hasChanges)
    }

    @Test func rulesCountHostsAndDomainsPerHost() throws {
        let summary = FleetSummary(plans: Self.fleet())
        let kvm = try #require(summary.rules.first { $0.rule == "domain-type-kvm" })
        // web01 on hv02 (twice) and db01 on hv02, web01 on hv01: three host-domain pairs.
        #expect(kvm.hostsChanged == 2 && kvm.domainsChanged == 3 && kvm.changes == 4)
        #expect(kvm.hostsWithFindings == 1 && kvm.domainsWithFindings == 1 && kvm.findings == 1)
        let smt = try #require(summary.rules.first { $0.rule == "host-smt-off" })
        #expect(smt.hostsWithFindings == 1 && smt.domainsWithFindings == 0)
        let waived = try #require(summary.rules.first { $0.rule == "domain-graphics-auth" })
        #expect(waived.waived == 1 && waived.hostsChanged == 0)
        #expect(summary.rules.first?.rule == "domain-type-kvm", "the rule on most hosts comes first")
    }

    @Test func aCleanFleetHasNoChanges() {
        let summary = FleetSummary(plans: [("a.json", RenderFixtures.plan(findings: [RenderFixtures.finding(.host)]))])
        #expect(!summary.hasChanges)
        #expect(summary.hostsWithFindings == 1)
    }

    @Test func theTextTableListsHostsAndRules() {
        let text = FleetSummaryRenderer.text(FleetSummary(plans: Self.fleet()))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Fleet: 3 plans; 2 with changes, 1 with findings; 5 changes, 2 findings, 1 waived.")
        #expect(lines.contains { $0.hasPrefix("HOST ") && $0.contains("CHANGES") })
        #expect(lines.contains { $0.hasPrefix("hv02 ") && $0.contains("qemu+ssh://hv02/system") && $0.hasSuffix("plans/hv02.json") })
        #expect(lines.contains { $0.hasPrefix("domain-type-kvm ") })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    // MARK: - The command

    /// A saved plan, read as `summarize` reads it.
    static func read(_ path: String) throws -> Plan {
        try PlanFile.decode(try Data(contentsOf: URL(fileURLWithPath: path)), name: path)
    }

    static func write(_ plans: [(String, Plan)], in directory: URL) throws -> [String] {
        try plans.map { name, plan in
            let path = directory.appendingPathComponent(name).path
            try PlanJSONRenderer.render(plan).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    @Test func theCommandExitsTwoWhenAnyHostHasChanges() throws {
        let directory = try PlanCommandSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lab = directory.appendingPathComponent("lab.json").path
        let planned = try PlanCommandSupport.planLab(["--out", lab])
        #expect(planned.status == 0, "\(planned.stderr)")
        let clean = try Self.write([("clean.json", RenderFixtures.plan(findings: [RenderFixtures.finding(.host)]))], in: directory)

        let both = try PlanCommandSupport.hvharden(["summarize", lab] + clean)
        #expect(both.status == 2, "\(both.stderr)")
        #expect(both.stdout.contains("Fleet: 2 plans; 1 with changes"))
        // No changes, an unwaived finding: 3, as `plan --detailed-exitcode` gives; 0 when findings do not count.
        let onlyClean = try PlanCommandSupport.hvharden(["summarize"] + clean)
        #expect(onlyClean.status == 3, "\(onlyClean.stderr)")
        #expect(try PlanCommandSupport.hvharden(["summarize", "--fail-on", "none"] + clean).status == 0)

        let json = try PlanCommandSupport.hvharden(["summarize", "--format", "json", lab] + clean)
        #expect(json.status == 2)
        let decoded = try JSONDecoder().decode(FleetSummary.self, from: Data(json.stdout.utf8))
        let labPlan = try Self.read(lab)
        #expect(decoded == FleetSummary(plans: [(lab, labPlan), (clean[0], try Self.read(clean[0]))]))
        #expect(decoded.hosts.map(\.host) == ["lab", "clean"])
        #expect(decoded.hosts[0].changes == labPlan.changes.count && labPlan.changes.count > 0)
    }

    @Test func theCommandExitsOneNamingEveryBadFile() throws {
        let directory = try PlanCommandSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let notAPlan = directory.appendingPathComponent("facts.json").path
        try Data("{\"cpu\": {}}".utf8).write(to: URL(fileURLWithPath: notAPlan))
        let notJSON = directory.appendingPathComponent("notes.txt").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: notJSON))
        let missing = directory.appendingPathComponent("missing.json").path
        let good = try Self.write([("good.json", RenderFixtures.plan())], in: directory)

        let run = try PlanCommandSupport.hvharden(["summarize", notAPlan, notJSON, missing] + good)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        for path in [notAPlan, notJSON, missing] {
            #expect(run.stderr.contains("'\(path)'"), "\(path) is not named in: \(run.stderr)")
        }
        #expect(throws: PlanFileError.notAPlan(path: notAPlan, looksLike: nil)) { try Self.read(notAPlan) }
        // A facts report has a formatVersion too, and is still not a plan.
        let facts = directory.appendingPathComponent("lab.facts.json").path
        try FactsReader(connectURI: RenderLab.connectURI, root: RenderLab.root, connectionRequired: true).read().jsonData()
            .write(to: URL(fileURLWithPath: facts))
        #expect(throws: PlanFileError.notAPlan(path: facts, looksLike: "an hvharden facts report")) { try Self.read(facts) }
    }
}
