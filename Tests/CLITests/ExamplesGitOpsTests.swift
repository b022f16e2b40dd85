import Foundation
import Testing
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// examples/gitops: the GitHub Actions workflow and the GitLab CI jobs read as YAML, wire the
/// steps the README promises (validate on pull requests, plan on a schedule with
/// --detailed-exitcode, SARIF to code scanning, apply of the saved plan after a merge), and
/// use only options the built hvharden has.
@Suite struct ExamplesGitOpsTests {
    static let github = Repo.root.appendingPathComponent("examples/gitops/github/hvharden.yml").path
    static let gitlab = Repo.root.appendingPathComponent("examples/gitops/gitlab/hvharden.gitlab-ci.yml").path

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func githubWorkflowValidatesPlansUploadsSARIFAndAppliesTheSavedPlan() throws {
        let workflow = try #require(try ExamplesToolSupport.yaml(Self.github) as? [String: Any])
        let on = try #require(workflow["on"] as? [String: Any])
        #expect(Set(on.keys).isSuperset(of: ["pull_request", "push", "schedule"]))
        let jobs = try #require(workflow["jobs"] as? [String: [String: Any]])
        #expect(Set(jobs.keys) == ["validate", "plan", "apply"])

        func steps(_ job: String) throws -> [[String: Any]] { try #require(jobs[job]?["steps"] as? [[String: Any]]) }
        func runs(_ job: String) throws -> String { try steps(job).compactMap { $0["run"] as? String }.joined(separator: "\n") }
        func uses(_ job: String) throws -> [String] { try steps(job).compactMap { $0["uses"] as? String } }

        #expect(try runs("validate").contains("validate profiles/*.yaml"))
        let plan = try runs("plan")
        #expect(plan.contains(" plan --profile") && plan.contains("--detailed-exitcode") && plan.contains("--format sarif"))
        #expect(plan.contains("--out plan.json"))
        #expect(try uses("plan").contains("github/codeql-action/upload-sarif@v3"))
        #expect((jobs["plan"]?["permissions"] as? [String: String])?["security-events"] == "write")
        #expect(try uses("plan").contains("actions/upload-artifact@v4"))
        #expect(try uses("apply").contains("actions/download-artifact@v4"))
        #expect(try runs("apply").contains(" apply plan.json"))
        #expect((jobs["apply"]?["if"] as? String)?.contains("github.event_name == 'push'") == true)
        #expect(jobs["apply"]?["environment"] as? String == "production")
        #expect((jobs["apply"]?["needs"] as? String) == "plan")
    }

    @Test func gitlabJobsValidatePlanOnScheduleAndApplyManually() throws {
        let pipeline = try #require(try ExamplesToolSupport.yaml(Self.gitlab) as? [String: Any])
        #expect(pipeline["stages"] as? [String] == ["validate", "plan", "apply"])
        let template = try #require(pipeline[".hvharden:plan"] as? [String: Any])
        let script = try #require(template["script"] as? [String]).joined(separator: "\n")
        #expect(script.contains("--detailed-exitcode") && script.contains("--format junit") && script.contains("--out \"plan-$HOST.json\""))
        #expect((template["allow_failure"] as? [String: [String]])?["exit_codes"] == ["2", "3"])
        let planRules = try #require((pipeline["hvharden:plan"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(planRules.contains { ($0["if"] as? String) == "$CI_PIPELINE_SOURCE == \"schedule\"" })
        let apply = try #require(pipeline["hvharden:apply"] as? [String: Any])
        let applyRules = try #require(apply["rules"] as? [[String: Any]])
        #expect(applyRules.contains { ($0["when"] as? String) == "manual" })
        #expect(try #require(apply["script"] as? [String]).contains("$HVHARDEN apply \"plan-$HOST.json\""))
        #expect((apply["needs"] as? [[String: Any]])?.first?["job"] as? String == "hvharden:plan")
        let validate = try #require((pipeline["hvharden:validate"] as? [String: Any])?["script"] as? [String])
        #expect(validate == ["$HVHARDEN validate profiles/*.yaml"])
    }

    /// Every option the CI files pass to hvharden exists in the built binary.
    @Test func ciFilesUseOnlyRealOptions() throws {
        let known = try ExamplesToolSupport.hvhardenOptions(["validate", "plan", "apply", "baseline"])
        #expect(known.contains("--detailed-exitcode"))
        for path in [Self.github, Self.gitlab] {
            let used = ExamplesToolSupport.optionTokens(try Self.text(path))
            #expect(!used.isEmpty)
            #expect(used.subtracting(known).isEmpty, "\(path) uses unknown options \(used.subtracting(known).sorted())")
        }
    }
}
