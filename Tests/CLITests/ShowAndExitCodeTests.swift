import Foundation
import Testing
import Planner
import Compiler
import TestSupport
import LiveTestSupport

/// `hvharden show` renders a saved plan as `plan` would have; `--detailed-exitcode` gives 2 for
/// changes and 3 for findings alone (at or above `--fail-on`); `--format prometheus` is read by
/// the Prometheus client's own parser; bad arguments exit 1.
@Suite struct ShowAndExitCodeTests {
    /// The lab planned once, saved, and its text output.
    static func savedLab(_ scratch: Scratch) throws -> (path: String, text: String) {
        let path = scratch.path + "/lab.json"
        let run = try CLI.run(RenderLab.planArguments + ["--out", path, "--state-dir", scratch.path + "/state"])
        try #require(run.status == 0, "\(run.stderr)")
        return (path, run.stdout)
    }

    @Test func showRendersTheSavedPlanAsPlanDid() throws {
        let scratch = try Scratch("hvh-show")
        let (path, text) = try Self.savedLab(scratch)
        let shown = try CLI.run(["show", path])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == text)
        let json = try CLI.run(["show", path, "--format", "json"])
        #expect(json.stdout == (try String(contentsOfFile: path, encoding: .utf8)))
        for format in ["sarif", "junit", "prometheus"] {
            let run = try CLI.run(["show", path, "--format", format])
            #expect(run.status == 0 && !run.stdout.isEmpty, "\(format): \(run.stderr)")
        }
        let detailed = try CLI.run(["show", path, "--detailed-exitcode"])
        #expect(detailed.status == 2, "the lab has changes")
        let notAPlan = try CLI.run(["show", RenderLab.profile])
        #expect(notAPlan.status == 1 && notAPlan.stderr.contains("is not an hvharden plan"), "\(notAPlan.stderr)")
    }

    /// The lab's plan with its changes dropped: a converged host that still has findings.
    @Test func findingsAloneExitThreeAtOrAboveFailOn() throws {
        let scratch = try Scratch("hvh-exit3")
        let (path, _) = try Self.savedLab(scratch)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        json["changes"] = []
        let findings = try #require(json["findings"] as? [[String: Any]])
        try #require(!findings.isEmpty)
        let worst = findings.compactMap { ($0["severity"] as? String).flatMap(Severity.init(rawValue:)) }.max()!
        var summary = try #require(json["summary"] as? [String: Any])
        summary["changes"] = 0
        json["summary"] = summary
        let converged = scratch.path + "/converged.json"
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: converged))

        for level in FailOn.allCases {
            let run = try CLI.run(["show", converged, "--detailed-exitcode", "--fail-on", level.rawValue])
            let expected: Int32 = level.threshold.map { worst >= $0 ? 3 : 0 } ?? 0
            #expect(run.status == expected, "--fail-on \(level.rawValue): \(run.status), worst finding \(worst)")
        }
        #expect(try CLI.run(["show", converged]).status == 0, "without --detailed-exitcode a plan read is a success")
        let fleet = try CLI.run(["summarize", converged])
        #expect(fleet.status == 3, "summarize of a converged host with findings: \(fleet.status)")
        #expect(try CLI.run(["summarize", converged, path]).status == 2)
        #expect(try CLI.run(["summarize", converged, "--fail-on", "none"]).status == 0)
    }

    @Test func prometheusMetricsParseWithThePrometheusClient() throws {
        let scratch = try Scratch("hvh-prom")
        let (path, _) = try Self.savedLab(scratch)
        let metrics = try CLI.run(RenderLab.planArguments + ["--format", "prometheus", "--state-dir", scratch.path + "/state"])
        #expect(metrics.status == 0, "\(metrics.stderr)")
        let file = scratch.path + "/hvharden.prom"
        try metrics.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                for s in family.samples:
                    out.setdefault(s.name, []).append({"labels": s.labels, "value": s.value})
            print(json.dumps(out))
            """
        let parsed = try ProcessRun.run(try ExamplesToolSupport.tool("python"), ["-c", script, file])
        try #require(parsed.status == 0, "the Prometheus parser rejected the metrics: \(parsed.stderr)\n\(metrics.stdout)")
        let samples = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: [[String: Any]]])
        let plan = try PlanFile.decode(Data(contentsOf: URL(fileURLWithPath: path)), name: path)
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            samples[name]?.first { sample in labels.allSatisfy { (sample["labels"] as? [String: String])?[$0.key] == $0.value } }?["value"] as? Double
        }
        #expect(value("hvharden_changes") == Double(plan.changes.count))
        for severity in Severity.allCases {
            #expect(value("hvharden_findings", ["severity": severity.rawValue]) == Double(plan.findings.filter { $0.severity == severity }.count))
        }
        #expect(value("hvharden_waived") == Double(plan.waived.count))
        let failing = Set(plan.changes.map(\.rule) + plan.findings.map(\.rule))
        #expect(Set((samples["hvharden_rule_noncompliant"] ?? []).compactMap { ($0["labels"] as? [String: String])?["rule"] }) == failing)
        #expect((value("hvharden_plan_duration_seconds") ?? -1) >= 0)
        #expect(abs((value("hvharden_last_plan_timestamp_seconds") ?? 0) - Date().timeIntervalSince1970) < 600)
        #expect(!metrics.stdout.contains("hunter2"), "a secret reached the metrics")
    }

    @Test func colourFollowsForceColorAndNoColor() throws {
        let scratch = try Scratch("hvh-colour")
        let (path, _) = try Self.savedLab(scratch)
        #expect(try CLI.run(["show", path], environment: ["FORCE_COLOR": "1"]).stdout.contains("\u{1B}["))
        #expect(!(try CLI.run(["show", path, "--no-color"], environment: ["FORCE_COLOR": "1"]).stdout.contains("\u{1B}[")))
        #expect(!(try CLI.run(["show", path], environment: ["FORCE_COLOR": "1", "NO_COLOR": "1"]).stdout.contains("\u{1B}[")))
        #expect(!(try CLI.run(["show", path]).stdout.contains("\u{1B}[")), "no colour into a pipe")
    }

    @Test(arguments: [["plan", "--bogus"], ["show"], ["nosuch"], ["plan", "--fail-on", "severe"]])
    func badArgumentsExitOne(arguments: [String]) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 1, "\(arguments): \(run.status) \(run.stderr)")
        #expect(run.stderr.contains("Error:") || run.stderr.contains("error:"))
    }
}
