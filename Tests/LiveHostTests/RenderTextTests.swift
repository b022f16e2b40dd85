import Compiler
import Testing
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

@Suite("Text plan")
struct RenderTextTests {
    typealias F = RenderFixtures

    @Test("summary: plural form")
    func summaryPlural() {
        let changes = (0..<12).map { i in
            i < 10 ? F.change(.domain(["a", "b", "c"][i % 3], path: "/domain/p\(i)"))
                   : F.change(.file(["/etc/x.conf", "/etc/y.conf"][i % 2], key: "k"))
        }
        let plan = F.plan(
            changes: changes, findings: (0..<4).map { _ in F.finding(.host) },
            waived: [WaivedItem(address: .host, rule: "r", reason: "why", expires: "2027-01-01")])
        #expect(plan.summary.sentence == "Plan: 12 changes on 3 domains and 2 files; 4 findings; 1 waived.")
    }

    @Test("summary: singular form")
    func summarySingular() {
        let plan = F.plan(
            changes: [F.change(.domain("web01", path: "/domain/a"))],
            findings: [F.finding(.host)])
        #expect(plan.summary.sentence == "Plan: 1 change on 1 domain and 0 files; 1 finding; 0 waived.")
        let one = F.plan(changes: [F.change(.file("/etc/x.conf", key: "k"))])
        #expect(one.summary.sentence == "Plan: 1 change on 0 domains and 1 file; 0 findings; 0 waived.")
    }

    @Test("summary: empty plan")
    func summaryEmpty() {
        let text = PlanTextRenderer().render(F.plan())
        #expect(text.hasSuffix("\nPlan: 0 changes on 0 domains and 0 files; 0 findings; 0 waived.\n"))
        #expect(text.contains("No changes. The host matches the policy."))
        #expect(!text.contains("Changes ("))
        #expect(!text.contains("Findings"))
    }

    @Test("each action has its marker, the rule, the effect and before → after")
    func markers() {
        let plan = F.plan(changes: [
            F.change(.domain("web01", path: "/domain/features/vmport/@state"), .add, before: nil, after: "off", rule: "domain-vmport-off"),
            F.change(.domain("web01", path: "/domain/on_crash"), .update, before: "restart", after: "destroy", rule: "domain-on-crash", effect: .immediate),
            F.change(.file("/etc/libvirt/qemu.conf", key: "namespaces"), .remove, before: "[]", after: nil, rule: "qemu-ns", effect: .daemonRestart),
        ])
        let lines = PlanTextRenderer().render(plan).split(separator: "\n").map(String.init)
        #expect(lines.contains("    + /domain/features/vmport/@state: (absent) → off  # domain-vmport-off (high), on next domain boot"))
        #expect(lines.contains("    ~ /domain/on_crash: restart → destroy  # domain-on-crash (high), immediately"))
        #expect(lines.contains("    - namespaces: [] → (absent)  # qemu-ns (high), after daemon restart, for each guest at its next start"))
    }

    @Test("changes are grouped by domain, then file, in address order")
    func grouping() throws {
        let plan = F.plan(changes: [
            F.change(.file("/etc/libvirt/qemu.conf", key: "a"), rule: "r1"),
            F.change(.domain("web01", path: "/domain/b"), rule: "r2"),
            F.change(.domain("db01", path: "/domain/c"), rule: "r3"),
            F.change(.domain("web01", path: "/domain/d"), rule: "r4"),
            F.change(.file("/etc/libvirt/libvirtd.conf", key: "e"), rule: "r5"),
        ])
        let lines = PlanTextRenderer().render(plan).split(separator: "\n").map(String.init)
        let headers = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("    ") }
        #expect(headers == ["  domain 'db01'", "  domain 'web01'", "  file /etc/libvirt/libvirtd.conf", "  file /etc/libvirt/qemu.conf"])
        // Both web01 changes sit under the one web01 header, in their plan order.
        let web = try #require(lines.firstIndex(of: "  domain 'web01'"))
        #expect(lines[web + 1].contains("/domain/b:") && lines[web + 2].contains("/domain/d:"))
    }

    @Test("findings: host group, kind, rule, severity, message and guidance on one line")
    func findings() {
        let plan = F.plan(findings: [
            F.finding(.host, kind: .evidence, rule: "host-smt-off"),
            Finding(address: .domain("db01", path: "/domain/os"), kind: .advisory, rule: "domain-secure-boot", severity: .low,
                    message: "firmware is bios", guidance: "Use UEFI."),
        ])
        let text = PlanTextRenderer().render(plan)
        #expect(text.contains("Findings (apply does not change these; each says what to do):"))
        #expect(text.contains("\n  domain 'db01'\n    ! advisory domain-secure-boot (low) at /domain/os: firmware is bios\n      what to do: Use UEFI.\n"))
        #expect(text.contains("\n  host\n    ! evidence host-smt-off (medium): SMT is on\n      what to do: Boot with nosmt.\n"))
        #expect(text.contains("No changes. The findings below need a person."))
        // The host group comes after the domain group.
        #expect(text.range(of: "  domain 'db01'")!.lowerBound < text.range(of: "\n  host\n")!.lowerBound)
    }

    @Test("waived items show the reason and the expiry")
    func waived() {
        let plan = F.plan(waived: [WaivedItem(address: .domain("legacy-1"), rule: "domain-graphics-local-only",
                                              reason: "SEC-1234: vendor\nconsole", expires: "2027-03-31")])
        let text = PlanTextRenderer().render(plan)
        #expect(text.contains("\n  domain 'legacy-1'\n    = domain-graphics-local-only: SEC-1234: vendor console (expires 2027-03-31)\n"))
        #expect(text.hasSuffix("Plan: 0 changes on 0 domains and 0 files; 0 findings; 1 waived.\n"))
    }

    @Test("pending restarts and notes have their own sections")
    func pendingAndNotes() {
        let plan = F.plan(pendingRestart: [PendingRestart(domain: "web01", rules: ["domain-a", "domain-b"])],
                          notes: ["host-file and host-fact rules skipped"])
        let text = PlanTextRenderer().render(plan)
        #expect(text.contains("Pending restart (the definition complies; the running guest does not until it is cold-booted):\n\n  domain 'web01': domain-a, domain-b\n"))
        #expect(text.contains("Notes:\n\n  - host-file and host-fact rules skipped\n"))
    }

    @Test("the header names the connection, the root and the profiles")
    func header() {
        let text = PlanTextRenderer().render(F.plan())
        #expect(text.hasPrefix("hvharden plan for qemu:///system, root /\nProfiles: site.yaml\n"))
    }

    @Test("colour: green +, yellow ~, red -, only when asked")
    func colour() {
        let plan = F.plan(changes: [
            F.change(.domain("a", path: "/p1"), .add), F.change(.domain("a", path: "/p2"), .update),
            F.change(.domain("a", path: "/p3"), .remove),
        ])
        let coloured = PlanTextRenderer(colour: true).render(plan)
        #expect(coloured.contains("    \u{1B}[32m+\u{1B}[0m /p1:"))
        #expect(coloured.contains("    \u{1B}[33m~\u{1B}[0m /p2:"))
        #expect(coloured.contains("    \u{1B}[31m-\u{1B}[0m /p3:"))
        #expect(!PlanTextRenderer(colour: false).render(plan).contains("\u{1B}"))
    }

    @Test("host-supplied control characters cannot forge lines or drive the terminal")
    func escapes() {
        let plan = F.plan(changes: [
            F.change(.domain("evil\n    + /domain/fake: a → b", path: "/domain/x"), before: "\u{1B}[2J", after: "a\u{202E}b"),
        ])
        let text = PlanTextRenderer().render(plan)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{202E}"))
        #expect(text.contains("domain 'evil\\n    + /domain/fake: a → b'"))
        #expect(text.contains("~ /domain/x: \\u{1B}[2J → a\\u{202E}b"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("    + ") }.isEmpty)
    }
}
