import Compiler
import Foundation
import Testing
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// `hvharden rules` and `hvharden explain` end to end: the built binary, compared with the
/// library renderers and the catalogue it embeds.
@Suite("hvharden rules and explain commands")
struct RulesCommandTests {
    typealias S = PlanCommandSupport

    /// `hvharden rules --all --format json`, run once for the tests that read the catalogue.
    nonisolated(unsafe) static let allJSON = Result { try S.hvharden(["rules", "--all", "--format", "json"]) }

    static func objects(_ run: ProcessRun) throws -> [[String: Any]] {
        #expect(run.status == 0, "\(run.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(parsed as? [[String: Any]], "the output is not an array of objects")
    }

    @Test("issue 3: at least 70 rules, every topic key referenced, JSON lists them all")
    func wholeCatalogue() throws {
        let run = try Self.allJSON.get()
        let objects = try Self.objects(run)
        #expect(objects.count >= 70, "only \(objects.count) rules in the catalogue")
        let ids = objects.compactMap { $0["id"] as? String }
        #expect(ids == RuleCatalogue.shipped.ids)
        let topics = Set(objects.compactMap { ($0["references"] as? [String: Any])?["topic"] as? String })
        let missing = TopicKey.all.filter { !topics.contains($0) }
        #expect(missing.isEmpty, "no rule in the JSON references \(missing)")
        #expect(run.stderr.isEmpty)
    }

    @Test("--all --format json: every object has the documented fields with their types")
    func fieldsAndTypes() throws {
        let objects = try Self.objects(try Self.allJSON.get())
        for object in objects {
            let id = try #require(object["id"] as? String)
            let rule = try #require(RuleCatalogue.shipped.rule(id))
            #expect(object["title"] as? String == rule.title)
            #expect(object["severity"] as? String == rule.severity.rawValue)
            #expect(object["target"] as? String == rule.target.rawValue)
            #expect(object["check"] as? String == rule.check.kind)
            #expect(object["fixable"] as? Bool == (rule.fix != nil))
            #expect(object["effect"] as? String == rule.effect.rawValue)
            #expect(object["optIn"] as? Bool == rule.optIn)
            #expect(object["selected"] is Bool)
            #expect(object["enforcement"] is String || object["enforcement"] is NSNull)
            let references = try #require(object["references"] as? [String: Any], "'\(id)'")
            #expect(references["function"] as? String == rule.references.function)
            #expect(references["sp80053"] as? [String] == rule.references.sp80053)
            #expect(references["srg"] as? [String] == rule.references.srg)
            #expect(rule.references.hySR.map { references["hySR"] as? String == $0 } ?? (references["hySR"] is NSNull), "'\(id)'")
            let parameters = try #require(object["parameters"] as? [String: Any], "'\(id)'")
            #expect(Set(parameters.keys) == Set(rule.parameters.map(\.name)), "'\(id)'")
        }
    }

    @Test("without profiles: the rules the default posture selects, with their enforcement")
    func defaultPosture() throws {
        let policy = try Compiler.compile(profiles: []).policy
        let objects = try Self.objects(try S.hvharden(["rules", "--format", "json"]))
        #expect(objects.compactMap { $0["id"] as? String } == policy.rules.map(\.rule.id))
        #expect(objects.compactMap { $0["enforcement"] as? String } == policy.rules.map(\.enforcement.rawValue))
        #expect(objects.allSatisfy { $0["selected"] as? Bool == true })
        // --all lists more: opt-in rules and those for other postures.
        #expect(objects.count < (try Self.objects(try Self.allJSON.get())).count)
    }

    @Test("--profile: the compiled policy's rules with the profile's values and enablements")
    func withProfiles() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let site = dir.appendingPathComponent("site.yaml")
        try Data("""
            apiVersion: hvharden/v1
            kind: Profile
            metadata: {name: site}
            rules:
              enable: [qemu-sched-core]
              values:
                qemu-max-files: {limit: 4096}
            """.utf8).write(to: site)
        let policy = try Compiler.compile(profiles: ["nist-800-125a-high", site.path]).policy
        let run = try S.hvharden(["rules", "--profile", "nist-800-125a-high", "--profile", site.path, "--format", "json"])
        let objects = try Self.objects(run)
        #expect(objects.compactMap { $0["id"] as? String } == policy.rules.map(\.rule.id))
        let files = try #require(objects.first { $0["id"] as? String == "qemu-max-files" })
        #expect((files["parameters"] as? [String: Any])?["limit"] as? Int == 4096)
        #expect(objects.contains { $0["id"] as? String == "qemu-sched-core" && $0["optIn"] as? Bool == true })
        // bootIntegrity required: nothing is advisory.
        #expect(!objects.contains { $0["enforcement"] as? String == "advisory" })
    }

    @Test("text: the library's table for the same policy, ending with the count line")
    func text() throws {
        let run = try S.hvharden(["rules"])
        #expect(run.status == 0, "\(run.stderr)")
        let listing = RuleListing(policy: try Compiler.compile(profiles: []).policy)
        #expect(run.stdout == RuleListing.text(listing))
        let last = try #require(run.stdout.split(separator: "\n").last.map(String.init))
        #expect(last.wholeMatch(of: /\d+ rules: \d+ fixable, \d+ opt-in, \d+ advisory; \d+ critical, \d+ high, \d+ medium, \d+ low/) != nil, "\(last)")
        #expect(run.stdout.split(separator: "\n").count == listing.entries.count + 2)
    }

    @Test("a profile with errors: exit 1, compiler-style diagnostics, nothing listed")
    func badProfile() throws {
        let run = try S.hvharden(["rules", "--profile", "no-such-profile.yaml"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("no-such-profile.yaml"), "\(run.stderr)")
    }

    @Test("explain prints the library's explanation", arguments: ["domain-uefi-firmware", "qemu-security-driver-enabled"])
    func explain(id: String) throws {
        let run = try S.hvharden(["explain", id])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout == RuleExplanation.text(try #require(RuleCatalogue.shipped.rule(id))))
    }

    @Test("explain of an unknown rule: one error line with a suggestion, exit 1")
    func explainUnknown() throws {
        let run = try S.hvharden(["explain", "domain-uefi-firmwar"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "error: unknown rule 'domain-uefi-firmwar' (did you mean 'domain-uefi-firmware'?)\n")
    }

    @Test("--help of each command shows an example; the top-level help lists both")
    func help() throws {
        let rules = try S.hvharden(["rules", "--help"])
        let explain = try S.hvharden(["explain", "--help"])
        let top = try S.hvharden(["--help"])
        #expect(rules.status == 0 && explain.status == 0 && top.status == 0)
        #expect(rules.stdout.contains("Examples:") && rules.stdout.contains("hvharden rules --all --format json"))
        #expect(explain.stdout.contains("Examples:") && explain.stdout.contains("hvharden explain domain-uefi-firmware"))
        #expect(top.stdout.contains("\n  rules ") && top.stdout.contains("\n  explain "), "\(top.stdout)")
    }

    @Test("an unknown --format is a usage error")
    func badFormat() throws {
        let run = try S.hvharden(["rules", "--format", "yaml"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("yaml"))
    }
}
