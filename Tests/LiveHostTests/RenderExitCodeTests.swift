import Testing
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

@Suite("Plan exit code and colour choice")
struct RenderExitCodeTests {
    typealias F = RenderFixtures

    @Test("without --detailed-exitcode a made plan is success, whatever it holds")
    func plain() {
        #expect(PlanExitCode(plan: F.plan(), detailed: false) == .success)
        #expect(PlanExitCode(plan: F.complete, detailed: false) == .success)
    }

    @Test("detailed: 0 when empty, 2 with changes (findings or not), 3 with findings only")
    func detailed() {
        #expect(PlanExitCode(plan: F.plan(), detailed: true).rawValue == 0)
        #expect(PlanExitCode(plan: F.plan(changes: [F.change(.domain("a", path: "/p"))]), detailed: true).rawValue == 2)
        #expect(PlanExitCode(plan: F.plan(changes: [F.change(.domain("a", path: "/p"))], findings: [F.finding(.host)]), detailed: true).rawValue == 2)
        #expect(PlanExitCode(plan: F.plan(findings: [F.finding(.host)]), detailed: true).rawValue == 3)
    }

    /// A converged host whose only findings are below the threshold is green (0), so it does
    /// not stay "changed" in Ansible or amber in CI forever.
    @Test("--fail-on sets the least severe finding that counts", arguments: [
        (FailOn.low, 3), (.medium, 3), (.high, 0), (.critical, 0), (.none, 0),
    ] as [(FailOn, Int32)])
    func failOn(threshold: FailOn, expected: Int32) {
        let plan = F.plan(findings: [F.finding(.host)])  // severity medium
        #expect(PlanExitCode(plan: plan, detailed: true, failOn: threshold).rawValue == expected)
        #expect(PlanExitCode(plan: plan, detailed: false, failOn: threshold) == .success)
    }

    @Test("detailed: waived items, pending restarts and notes alone leave it at 0")
    func detailedNonBlocking() {
        let plan = F.plan(
            waived: [WaivedItem(address: .host, rule: "r", reason: "why", expires: "2027-01-01")],
            pendingRestart: [PendingRestart(domain: "web01", rules: ["r"])], notes: ["n"])
        #expect(PlanExitCode(plan: plan, detailed: true) == .success)
    }

    @Test("error is 1")
    func error() {
        #expect(PlanExitCode.error.rawValue == 1)
        #expect(Set(PlanExitCode.allCases.map(\.rawValue)) == [0, 1, 2, 3])
    }

    @Test("colour only on a terminal and without NO_COLOR", arguments: [
        (true, [:], true), (false, [:], false), (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": ""], true), (false, ["NO_COLOR": "1"], false), (true, ["TERM": "xterm"], true),
        (true, ["TERM": "dumb"], false), (false, ["FORCE_COLOR": "1"], true), (false, ["FORCE_COLOR": "0"], false),
        (true, ["FORCE_COLOR": "1", "NO_COLOR": "1"], false), (false, ["FORCE_COLOR": "1", "TERM": "dumb"], true),
    ] as [(Bool, [String: String], Bool)])
    func colour(terminal: Bool, environment: [String: String], expected: Bool) {
        #expect(TerminalColour.isWanted(outputIsTerminal: terminal, environment: environment) == expected)
    }
}
