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

/// `--from-host` on the lab (examples/lab): facts from its root, domains from its node file.
/// The passthrough posture then comes from the devices the domains actually hold, and fact rules
/// that sum guest resources see the guests.
@Suite struct BaselineFromHostTests {
    static let day = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01, UTC

    /// A copy of the lab root with an /etc/hostname, so the host is named by its root.
    struct NamedLab {
        let root: URL
        init(name: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-baseline-lab-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: Repo.root.appendingPathComponent("examples/lab/root"), to: root)
            try Data("\(name)\n".utf8).write(to: root.appendingPathComponent("etc/hostname"))
        }
        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func labHostGetsItsAssignedDevicesAndPlansWithNoUnwaivedHostFactFinding() throws {
        let lab = try NamedLab(name: "lab01")
        defer { lab.remove() }
        let host = try BaselineHostReader.localHost(connectURI: RenderLab.connectURI, root: lab.root.path)
        #expect(host.name == "lab01")
        #expect(host.domains?.map(\.name) == ["db01", "gpu01", "secure01", "template-base", "web01"])

        let baseline = try BaselineBuilder.build(hosts: [host], options: BaselineOptions(
            extends: RenderLab.profile, waiverDays: 14, today: Self.day))
        let passthrough = baseline.posture.posture.passthrough
        // gpu01 holds the X710 at 0000:01:00.0; db01 redirects USB from SPICE clients.
        #expect(passthrough.mode == .pciVFIO)
        #expect(passthrough.allowedDevices == ["8086:1572"])
        #expect(passthrough.maxDevicesPerDomain == 1)
        #expect(passthrough.allowUSB)
        #expect(baseline.posture.posture.bootIntegrity == .required, "the lab has Secure Boot, a TPM 2.0 and a measured boot")
        #expect(baseline.posture.reasons.passthrough.contains("domain 'gpu01' on 'lab01' holds 1 PCI device"))

        // One host and no --out-dir: its waivers go into the baseline itself.
        let files = try baseline.files(out: lab.root.appendingPathComponent("../lab01-\(UUID().uuidString).yaml").path, outDir: nil)
        #expect(files.count == 1)
        let path = try #require(files[0].path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(files[0].text.utf8).write(to: URL(fileURLWithPath: path))
        let extends = try #require(files[0].text.split(separator: "\n").first { $0.hasPrefix("extends: ") })
        // Relative (whatever the checkout's location relative to the temporary directory), and it
        // must resolve to the parent: the compile below checks that.
        #expect(!extends.hasPrefix("extends: [\"/") && extends.hasSuffix("profiles/nist-800-125a-baseline.yaml\"]"),
                "a parent file is written relative to the profile: \(extends)")

        let compilation = try Compiler.compile(profiles: [path], today: Self.day)
        #expect(compilation.warnings.isEmpty, "\(compilation.warnings)")
        let policy = compilation.policy
        #expect(policy.sources.first == RenderLab.profile, "the parent is found through the relative path written")
        let state = try ObservedState(reading: LiveStateReader(connectURI: RenderLab.connectURI, root: lab.root.path, key: TestKey.key), policy: policy)
        let plan = try Planner.plan(policy: policy, reader: state, today: Self.day)
        let factRules = Set(policy.rules.filter { $0.rule.target == .hostFact }.map(\.rule.id))
        let unwaived = plan.findings.filter { factRules.contains($0.rule) }
        #expect(unwaived.isEmpty, "\(unwaived.map { "\($0.rule): \($0.message)" })")
        let waived = Set(plan.waived.map(\.rule))
        #expect(waived == Set(baseline.hosts[0].waivers.map(\.rule)))
        // The lab's deliberate host gaps: KSM on, SMT on, nested on, spectre_v2 vulnerable.
        #expect(waived.isSuperset(of: ["host-ksm-disabled", "host-smt-disabled", "host-cpu-vulnerabilities-mitigated"]))
        #expect(baseline.hosts[0].waivers.allSatisfy { $0.expires == "2026-07-15" })
        // Domain findings are the host's own configuration: the baseline does not waive them.
        #expect(plan.findings.contains { $0.address.isDomain })
    }

    @Test func unreachableConnectionNamesTheURI() throws {
        let lab = try NamedLab(name: "lab01")
        defer { lab.remove() }
        let uri = "test:///nonexistent/hvh-\(UUID().uuidString)/node.xml"
        #expect {
            _ = try BaselineHostReader.localHost(connectURI: uri, root: lab.root.path)
        } throws: { error in
            "\(error)".hasPrefix("cannot read the domains at '\(uri)'")
        }
    }
}
