import Foundation
import Testing
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

/// The lab planned with the baseline profile, compared with the committed files under
/// `Golden/`. After an intended change (a new rule, a new renderer detail) regenerate them with
/// `HVHARDEN_UPDATE_GOLDEN=1 swift test --filter RenderGoldenTests` and review the diff.
@Suite("Golden lab plans")
struct RenderGoldenTests {
    static let directory = Repo.root.appendingPathComponent("Tests/LiveHostTests/Golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["HVHARDEN_UPDATE_GOLDEN"] == "1" }

    @Test("text plan of the lab (no colour)")
    func text() throws {
        try compare(RenderLab.portable(PlanTextRenderer(colour: false).render(RenderLab.plan())), golden: "lab-baseline.txt")
    }

    @Test("JSON plan of the lab")
    func json() throws {
        let json = String(decoding: try PlanJSONRenderer.render(RenderLab.plan()), as: UTF8.self)
        try compare(RenderLab.portable(json), golden: "lab-baseline.json")
    }

    @Test("the lab plan is the same on every run")
    func stable() throws {
        #expect(try RenderLab.plan() == RenderLab.plan())
    }

    private func compare(_ actual: String, golden name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            #expect(try String(contentsOf: url, encoding: .utf8) == actual)
            return
        }
        let expected = try #require(
            try? String(contentsOf: url, encoding: .utf8),
            "golden file \(url.path) is missing: run HVHARDEN_UPDATE_GOLDEN=1 swift test --filter RenderGoldenTests")
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record("""
                \(name) differs from the plan at line \(line + 1):
                  expected: \(line < e.count ? String(e[line]) : "(end of file)")
                  actual:   \(line < a.count ? String(a[line]) : "(end of file)")
                If the change is intended, run HVHARDEN_UPDATE_GOLDEN=1 swift test --filter RenderGoldenTests and review the diff.
                """)
        }
    }
}
