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

/// `hvharden baseline` on three different hosts (BaselineFakeHosts): the generated profiles
/// validate, and planning each host with its own profile leaves no unwaived host-fact finding.
///
/// "No unwaived finding" here covers every host-fact rule: those are what a baseline can only
/// accept, not fix. Host-file rules become changes that `apply` makes, domain rules judge the
/// host's guests (there are none here), and manual rules need an attestation that only a person
/// can write; none of those is waived by a baseline.
@Suite struct BaselineFleetTests {
    static let day = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01, UTC

    static var factRules: Set<String> {
        Set(RuleCatalogue.shipped.rules.filter { $0.target == .hostFact }.map(\.id))
    }

    @Test func threeHostsPlanWithNoUnwaivedHostFactFinding() throws {
        let fleet = try BaselineFakeHosts()
        defer { fleet.remove() }
        let hosts = try fleet.factsFiles.map { try BaselineHostReader.factsFile($0) }
        #expect(hosts.map(\.name) == BaselineFakeHosts.names)

        let baseline = try BaselineBuilder.build(hosts: hosts, options: BaselineOptions(
            extends: "nist-800-125a-baseline", waiverDays: 90, today: Self.day))
        let posture = baseline.posture.posture
        #expect(posture.platform == .hosted, "nested01 is a virtual machine")
        #expect(posture.virtualization == .software, "nested01 has no VT-x/AMD-V")
        #expect(posture.bootIntegrity == .preferred, "amd01 has no Secure Boot")
        #expect(posture.passthrough.mode == .pciVFIO)
        #expect(posture.passthrough.allowedDevices == ["8086:1572"])
        #expect(posture.passthrough.maxDevicesPerDomain == 1)
        #expect(!posture.passthrough.allowUSB)

        let waived = try Self.writeAndPlanEach(baseline, fleet: fleet)
        // On a hosted platform firmware, TPM and IOMMU evidence is not applicable on any host, so
        // amd01's missing Secure Boot and IOMMU are not waived (see bareMetalHostsKeepFirmwareRules).
        #expect(!waived["amd01"]!.contains("host-secure-boot-enabled"))
        #expect(!waived["nested01"]!.contains("host-tpm2-present"))
        #expect(waived["intel01"]!.contains("host-ksm-disabled"), "the lab merges pages with KSM")
        #expect(waived["intel01"]!.contains("host-smt-disabled"), "the lab runs with SMT on")
        #expect(!waived["intel01"]!.contains("host-cpu-virtualization-extensions"), "software virtualization selects no VT-x rule")
    }

    /// Two bare-metal hosts keep the firmware rules: the Intel host meets them, the AMD host
    /// without Secure Boot and without IOMMU groups gets waivers for exactly those gaps.
    @Test func bareMetalHostsKeepFirmwareRules() throws {
        let fleet = try BaselineFakeHosts()
        defer { fleet.remove() }
        let hosts = try ["intel01", "amd01"].map { try BaselineHostReader.factsFile(fleet.factsFile($0).path) }
        let baseline = try BaselineBuilder.build(hosts: hosts, options: BaselineOptions(waiverDays: 90, today: Self.day))
        let posture = baseline.posture.posture
        #expect(posture.platform == .bareMetal)
        #expect(posture.virtualization == .hardwareAssisted)
        #expect(posture.bootIntegrity == .preferred)
        #expect(baseline.posture.reasons.bootIntegrity == "'amd01' has no Secure Boot")
        #expect(posture.passthrough.mode == .pciVFIO)

        let waived = try Self.writeAndPlanEach(baseline, fleet: fleet)
        #expect(waived["amd01"]!.isSuperset(of: ["host-secure-boot-enabled", "host-iommu-active"]))
        #expect(!waived["intel01"]!.contains("host-secure-boot-enabled"))
        #expect(!waived["intel01"]!.contains("host-iommu-active"))
        #expect(!waived["intel01"]!.contains("host-tpm2-present"))
        #expect(waived["intel01"]!.contains("host-not-nested") == false)
    }

    /// Writes the baseline's profiles (one per host), compiles each, plans each host against its
    /// root with no domains, and checks that no host-fact finding is left unwaived and that every
    /// waiver is used. Returns each host's waived rule ids.
    static func writeAndPlanEach(_ baseline: Baseline, fleet: BaselineFakeHosts) throws -> [String: Set<String>] {
        let posture = baseline.posture.posture
        let out = fleet.directory.appendingPathComponent("profiles-\(UUID().uuidString)")
        let files = try baseline.files(out: nil, outDir: out.path)
        #expect(files.map { ($0.path! as NSString).lastPathComponent } == ["baseline.yaml"] + baseline.hosts.map { "\($0.name).yaml" })
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for file in files { try Data(file.text.utf8).write(to: URL(fileURLWithPath: file.path!)) }

        for host in baseline.hosts {
            let profile = out.appendingPathComponent("\(host.name).yaml").path
            let compilation = try Compiler.compile(profiles: [profile], today: Self.day)
            #expect(compilation.warnings.isEmpty, "\(host.name): \(compilation.warnings)")
            let policy = compilation.policy
            #expect(policy.posture == posture)

            let state = try ObservedState(reading: LiveStateReader(connectURI: fleet.emptyNodeURI, root: fleet.root(host.name).path, key: TestKey.key), policy: policy)
            let plan = try Planner.plan(policy: policy, reader: state, today: Self.day)
            let unwaived = plan.findings.filter { Self.factRules.contains($0.rule) }
            #expect(unwaived.isEmpty, "\(host.name): \(unwaived.map { "\($0.rule): \($0.message)" })")
            // Every waiver is used: none excuses a rule that holds.
            #expect(Set(plan.waived.map(\.rule)) == Set(host.waivers.map(\.rule)), "\(host.name)")
            for waiver in host.waivers {
                #expect(waiver.expires == "2026-09-29")
                #expect(waiver.domains == nil)
                #expect(waiver.reason.contains("'\(host.name)'"))
            }
        }

        return Dictionary(uniqueKeysWithValues: baseline.hosts.map { ($0.name, Set($0.waivers.map(\.rule))) })
    }
    /// The same hosts through the binary, as a user runs it: `hvharden facts` on each host,
    /// `hvharden baseline` on the reports, `validate` accepts the profiles and
    /// `plan --format json` on each host shows no unwaived host-fact finding.
    @Test func commandWritesProfilesThatValidateAndPlan() throws {
        let fleet = try BaselineFakeHosts()
        defer { fleet.remove() }
        var reports: [String] = []
        for name in BaselineFakeHosts.names {
            let facts = try CLI.run([
                "facts", "--format", "json", "--root", fleet.root(name).path, "--connect", fleet.emptyNodeURI])
            #expect(facts.status == 0, "\(facts.stderr)")
            let path = fleet.directory.appendingPathComponent("\(name).facts.json").path
            try Data(facts.stdout.utf8).write(to: URL(fileURLWithPath: path))
            reports.append(path)
        }
        let out = fleet.directory.appendingPathComponent("fleet").path
        let run = try CLI.run(["baseline", "--facts"] + reports + ["--out-dir", out, "--waiver-days", "30"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wrote '\(out)/amd01.yaml' for host 'amd01' with"))

        let profiles = ["baseline"] + BaselineFakeHosts.names
        let validate = try CLI.run(["validate"] + profiles.map { "\(out)/\($0).yaml" })
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.split(separator: "\n").count == profiles.count)

        for name in BaselineFakeHosts.names {
            let plan = try CLI.run([
                "plan", "--profile", "\(out)/\(name).yaml", "--connect", fleet.emptyNodeURI,
                "--root", fleet.root(name).path, "--format", "json"])
            #expect(plan.status == 0, "\(name): \(plan.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
            let findings = try #require(json["findings"] as? [[String: Any]])
            let unwaived = findings.compactMap { $0["rule"] as? String }.filter { Self.factRules.contains($0) }
            #expect(unwaived.isEmpty, "\(name): \(unwaived)")
            let waived = try #require(json["waived"] as? [[String: Any]])
            #expect(name == "intel01" || !waived.isEmpty, "\(name) has gaps that must show as waived")
        }
    }
}
