import Compiler
import Foundation
import Testing
@testable import Planner
import TestSupport
import LiveTestSupport

/// `--format html`: one self-contained page that loads nothing, escapes everything, holds no
/// secret, and that a browser (headless Chromium) renders.
@Suite struct ReportHTMLTests {
    static func html(_ plan: Plan, _ policy: Policy) -> String {
        HTMLReportRenderer(policy: policy, hostName: "lab", made: RenderLab.day).render(plan)
    }

    /// What would make a browser fetch something or run a script.
    static let outside = ["http://", "https://", "href=", "<script", "<link", "src=", "url(", "@import", "<iframe", "<img", "<object"]

    @Test func labPageIsSelfContainedAndHasEverySection() throws {
        let (plan, policy) = try RenderLab.planAndPolicy()
        let page = Self.html(plan, policy)
        for needle in Self.outside {
            #expect(!page.lowercased().contains(needle), "the page holds '\(needle)'")
        }
        #expect(!page.contains("hunter2"))
        for section in ["<h2>Basis</h2>", "<h2>Summary</h2>", "<h2>Waived</h2>", "<h2>Manual steps</h2>", "<h2>Host facts</h2>"] {
            #expect(page.contains(section), "\(section)")
        }
        #expect(page.contains(plan.profileDigest) && page.contains(plan.hvhardenVersion) && page.contains("2026-07-01T00:00:00Z"))
        let waived = try #require(plan.waived.first)
        #expect(page.contains(HTMLReportRenderer.escape(waived.reason)) && page.contains(waived.expires))
        for target in RuleEvidence(plan: plan, policy: policy).targets {
            #expect(page.contains("<h2>\(HTMLReportRenderer.escape(target.object))</h2>"), "\(target.object)")
        }
        let change = try #require(plan.changes.first)
        #expect(page.contains("<code>\(HTMLReportRenderer.escape(change.after ?? "(absent)"))</code>"))
    }

    @Test func textFromThePlanIsEscaped() throws {
        var plan = RenderFixtures.complete
        plan.findings[0].message = "<script>alert('x')</script> & <b>"
        plan.notes = ["<img src=x onerror=alert(1)>"]
        let page = Self.html(plan, try ReportContext.policy(of: plan))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;"))
        #expect(!page.contains("<script") && !page.contains("<img"))
    }

    /// A lab root whose qemu.conf sets a VNC password: neither it nor web01's `hunter2` reaches
    /// the HTML or the OSCAL output of `hvharden plan`.
    @Test func noSecretInThePageOrTheAssessmentResults() throws {
        let scratch = try Scratch("hvh-html-secret")
        let root = scratch.url.appendingPathComponent("root")
        try FileManager.default.copyItem(atPath: RenderLab.root, toPath: root.path)
        let qemu = root.appendingPathComponent("etc/libvirt/qemu.conf")
        let secret = "qemu-conf-secret-4711"
        try (try String(contentsOf: qemu, encoding: .utf8) + "vnc_password = \"\(secret)\"\n").write(to: qemu, atomically: true, encoding: .utf8)
        #expect(try String(contentsOf: qemu, encoding: .utf8).contains(secret), "the control: the file holds the secret")
        for format in ["html", "oscal"] {
            let run = try CLI.run(["plan", "--profile", RenderLab.profile, "--connect", RenderLab.connectURI, "--root", root.path,
                                   "--state-dir", scratch.path + "/state", "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.count > 1000)
            #expect(!run.stdout.contains(secret) && !run.stdout.contains("hunter2"), "a secret leaked into --format \(format)")
        }
    }

    @Test func chromiumRendersTheLabReport() throws {
        let (plan, policy) = try RenderLab.planAndPolicy()
        let shot = try EvidenceToolSupport.screenshot(Self.html(plan, policy))
        #expect(shot.width == 1200 && shot.height == 1500)
        #expect(shot.bytes > 30_000, "a blank page compresses to a few KB: \(shot.bytes) bytes")
        #expect(shot.colours > 20, "\(shot.colours) colours: the page did not render")
    }

    @Test func showRendersASavedPlanAsPlanDoes() throws {
        let scratch = try Scratch("hvh-show-evidence")
        let saved = scratch.path + "/plan.json"
        let arguments = RenderLab.planArguments + ["--state-dir", scratch.path + "/state"]
        #expect(try CLI.run(arguments + ["--out", saved]).status == 0)
        for format in ["html", "oscal"] {
            let show = try CLI.run(["show", saved, "--format", format])
            #expect(show.status == 0, "\(show.stderr)")
            let plan = try CLI.run(arguments + ["--format", format])
            // The times differ (the file's modification time against now); the rest is the same.
            #expect(Self.timeless(show.stdout) == Self.timeless(plan.stdout), "\(format)")
        }
    }

    static func timeless(_ text: String) -> String {
        text.replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, with: "TIME")
    }
}
