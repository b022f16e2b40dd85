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

/// `hvharden plan` end to end: the built binary on the lab.
@Suite("hvharden plan command")
struct PlanCommandTests {
    typealias S = PlanCommandSupport

    @Test("text output on the lab: markers, summary line, no colour when not a terminal")
    func text() throws {
        let run = try S.planLab()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("hvharden plan for \(RenderLab.connectURI), root \(RenderLab.root)\n"))
        let summary = try #require(run.stdout.split(separator: "\n").last.map(String.init))
        #expect(summary.wholeMatch(of: /Plan: \d+ changes? on \d+ domains?(, \d+ files? and \d+ paths?| and \d+ files?); \d+ findings?; \d+ waived\./) != nil, "\(summary)")
        #expect(!run.stdout.contains("\u{1B}"))
        // The text is what the library's renderer gives for the same plan (the day only
        // matters for waivers, and the baseline has none).
        #expect(run.stdout == PlanTextRenderer().render(try RenderLab.plan()))
    }

    @Test("--format json is the plan value and passes the schema")
    func json() throws {
        let run = try S.planLab(["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try PlanJSONRenderer.decode(Data(run.stdout.utf8))
        // The binary keys fingerprints with its own state directory's key: compare all but the basis.
        #expect(Self.unkeyed(plan) == Self.unkeyed(try RenderLab.plan()))
        let result = try SchemaValidator.validate(Data(run.stdout.utf8))
        #expect(result.valid, "\(result.output)")
    }

    @Test("secrets: 'hunter2' is in the lab but in no output and not in the saved plan")
    func secrets() throws {
        // The control: the reader does see web01's VNC password (INACTIVE|SECURE), so its
        // absence below is the scrubbing at work, not a reader that never saw it.
        let state = try RenderLab.state().state
        let web01 = try #require(state.domains.first { $0.name == "web01" })
        #expect(web01.persistentXML.contains("hunter2"))

        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let saved = dir.appendingPathComponent("plan.json")
        let text = try S.planLab(["--out", saved.path])
        let json = try S.planLab(["--format", "json"])
        #expect(text.status == 0 && json.status == 0, "\(text.stderr)\(json.stderr)")
        let file = try String(contentsOf: saved, encoding: .utf8)
        #expect(!file.isEmpty)
        for (name, output) in [("text", text.stdout), ("stderr", text.stderr + json.stderr), ("json", json.stdout), ("saved plan", file)] {
            #expect(!output.contains("hunter2"), "the secret leaked into the \(name)")
        }
    }

    @Test("--out saves the JSON plan with mode 0600, atomically, replacing an older file")
    func out() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let saved = dir.appendingPathComponent("plan.json")
        try Data("old".utf8).write(to: saved)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: saved.path)

        let run = try S.planLab(["--out", saved.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: saved.path)[.posixPermissions] as? NSNumber)
        #expect(mode.intValue & 0o777 == 0o600)
        let contents = try Data(contentsOf: saved)
        #expect(String(decoding: contents, as: UTF8.self) == run.stdout)
        #expect(Self.unkeyed(try PlanJSONRenderer.decode(contents)) == Self.unkeyed(try RenderLab.plan()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plan.json"], "a temporary file was left behind")
    }

    @Test("--out into a missing directory fails with one clear line and exit 1")
    func outFails() throws {
        let run = try S.planLab(["--out", "/nonexistent-hvh-dir/plan.json"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: cannot write '/nonexistent-hvh-dir/plan.json': create failed: No such file or directory\n"), "\(run.stderr)")
    }

    @Test("--detailed-exitcode: 2 on the insecure lab; without it, 0")
    func detailedOnLab() throws {
        #expect(try S.planLab(["--detailed-exitcode"]).status == 2)
        #expect(try S.planLab().status == 0)
    }

    @Test("--detailed-exitcode: 0 when nothing would change and no finding remains")
    func detailedClean() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A policy with every rule disabled has nothing to change and nothing to find, whatever
        // the catalogue holds; the lab itself is insecure on purpose.
        let every = RuleCatalogue.shipped.rules.map(\.id)
        let profile = dir.appendingPathComponent("nothing.yaml")
        try """
            apiVersion: hvharden/v1
            kind: Profile
            metadata: {name: nothing}
            extends: [\(RenderLab.profile)]
            rules:
              disable: [\(every.joined(separator: ", "))]
            """.write(to: profile, atomically: true, encoding: .utf8)
        let run = try S.hvharden([
            "plan", "--profile", profile.path, "--connect", RenderLab.connectURI, "--root", RenderLab.root,
            "--domain", "web01", "--detailed-exitcode",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasSuffix("No changes. The host matches the policy.\n\nPlan: 0 changes on 0 domains and 0 files; 0 findings; 0 waived.\n"))
    }

    @Test("errors: one 'error:' line naming the culprit, exit 1, no trace", arguments: [
        (["--connect", "test:///nonexistent-hvh/node.xml"], "error: cannot connect to 'test:///nonexistent-hvh/node.xml': "),
        (["--root", "/nonexistent-hvh-root"], "error: root '/nonexistent-hvh-root' is not a directory"),
        (["--domain", "nosuch"], "error: domain 'nosuch' not found on '"),
    ])
    func errors(arguments: [String], prefix: String) throws {
        let run = try S.planLab(arguments + ["--detailed-exitcode"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(prefix), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("error: ") }, "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"))
    }

    @Test("a bad profile prints its diagnostics compiler-style and exits 1")
    func badProfile() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = dir.appendingPathComponent("bad.yaml")
        try "apiVersion: hvharden/v1\nkind: Profile\nmetadata: {name: bad}\nposture:\n  platfrom: bare-metal\n"
            .write(to: profile, atomically: true, encoding: .utf8)
        let run = try S.hvharden(["plan", "--profile", profile.path, "--connect", RenderLab.connectURI, "--root", RenderLab.root])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("\(profile.path):5:3: error: "), "\(run.stderr)")
        #expect(run.stderr.contains("'platfrom'"))
    }

    @Test("--help explains the options and shows an example")
    func help() throws {
        let run = try S.hvharden(["plan", "--help"])
        #expect(run.status == 0)
        for option in ["--profile <file>", "--connect <uri>", "--root <dir>", "--domain <name>", "--format <format>", "--out <file>", "--detailed-exitcode", "Examples:", "hvharden plan --profile"] {
            #expect(run.stdout.contains(option), "--help lacks '\(option)'")
        }
        #expect(run.stdout.contains("(default: qemu:///system)"))
    }

    static func unkeyed(_ plan: Plan) -> Plan {
        var plan = plan
        plan.basis.objects = plan.basis.objects.mapValues { $0.exists ? .digest("keyed") : .absent }
        return plan
    }
}
