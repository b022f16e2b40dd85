import Foundation
import Digests
import Testing
@testable import Compiler
import TestSupport

/// From the layered profile to a `Policy`: rule selection by posture, opt-in, tailoring,
/// parameters, enforcement, `selectedBy`, the digest, and the warnings only compilation sees.
@Suite struct ProfileCompilationTests {
    func compile(_ body: String) throws -> (Compilation, path: String) {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.yaml", profileHeader() + body)
        return (try ProfileTestSupport.compile([path]), path)
    }

    func ids(_ compilation: Compilation) -> Set<String> { Set(compilation.policy.rules.map(\.rule.id)) }

    @Test func defaultPostureSelectsEveryApplicableNonOptInRule() throws {
        let (compilation, _) = try compile("")
        let expected = ProfileTestSupport.catalogue.rules
            .filter { !$0.optIn && $0.appliesWhen.matches(Posture()) }.map(\.id)
        #expect(ids(compilation) == Set(expected))
        #expect(!ids(compilation).contains("test-disk-encryption"))
        #expect(!ids(compilation).contains("test-nested-attested"))
        #expect(ids(compilation).contains("domain-vmport-off"))
        #expect(compilation.policy.rules.map(\.rule.id) == compilation.policy.rules.map(\.rule.id).sorted())
    }

    @Test func postureSelectsConditionalRules() throws {
        let (hosted, _) = try compile("posture: {platform: hosted, passthrough: {mode: sriov-vf-only}}\n")
        #expect(ids(hosted).isSuperset(of: ["test-nested-attested", "test-iommu-on"]))
        let (none, _) = try compile("posture: {bootIntegrity: not-required}\n")
        #expect(ids(none).isDisjoint(with: ["test-nested-attested", "test-iommu-on", "test-guest-secure-boot"]))
    }

    @Test func optInRuleNeedsEnable() throws {
        let (compilation, path) = try compile("rules: {enable: [test-disk-encryption]}\n")
        let rule = try #require(compilation.policy.rules.first { $0.rule.id == "test-disk-encryption" })
        #expect(rule.selectedBy == SourceLocation(file: path, line: 4, column: 18))
        #expect(compilation.warnings.isEmpty)
    }

    @Test(arguments: [
        (Posture.BootIntegrity.preferred, SelectedRule.Enforcement.advisory),
        (.required, .enforce),
    ])
    func bootIntegrityPreferredMakesPI1Advisory(bootIntegrity: Posture.BootIntegrity, expected: SelectedRule.Enforcement) throws {
        let (compilation, path) = try compile("posture:\n  bootIntegrity: \(bootIntegrity.rawValue)\n")
        let rules = compilation.policy.rules
        let secureBoot = try #require(rules.first { $0.rule.id == "test-guest-secure-boot" })
        #expect(secureBoot.enforcement == expected)
        // Selected because of the posture field, so that is where it points.
        #expect(secureBoot.selectedBy == SourceLocation(file: path, line: 5, column: 18))
        #expect(rules.filter { $0.rule.references.topic != "PI-1" }.allSatisfy { $0.enforcement == .enforce })
    }

    @Test func selectedByFallsBackToApiVersionAndPointsAtValues() throws {
        let (compilation, path) = try compile("rules:\n  values:\n    test-max-processes: 64\n")
        let rules = compilation.policy.rules
        #expect(rules.first { $0.rule.id == "domain-vmport-off" }?.selectedBy == SourceLocation(file: path, line: 1, column: 1))
        #expect(rules.first { $0.rule.id == "test-max-processes" }?.selectedBy == SourceLocation(file: path, line: 6, column: 5))
        #expect(rules.first { $0.rule.id == "test-max-processes" }?.parameters == ["maxProcesses": .int(64)])
        #expect(rules.first { $0.rule.id == "test-graphics-listen" }?.parameters["protocol"] == .string("vnc"))
    }

    @Test func allowedDevicesAreNormalisedToLowercase() throws {
        let (compilation, _) = try compile("posture: {passthrough: {mode: pci-vfio, allowedDevices: [\"10DE:1EB8\", \"8086:1572\"]}}\n")
        #expect(compilation.policy.posture.passthrough.allowedDevices == ["10de:1eb8", "8086:1572"])
    }

    @Test func digestIsSHA256OfEverySourceInOrder() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let baseText = profileHeader("base") + "posture: {platform: hosted}\n"
        let childText = profileHeader("child") + "extends: [base.yaml]\n"
        try directory.write("base.yaml", baseText)
        let child = try directory.write("child.yaml", childText)
        let policy = try ProfileTestSupport.compile([child]).policy
        #expect(policy.digest == SHA256.hex(Array((baseText + childText).utf8)))
        #expect(policy.digest.count == 64)
        try directory.write("base.yaml", baseText + "# changed\n")
        #expect(try ProfileTestSupport.compile([child]).policy.digest != policy.digest)
    }

    @Test func compilationWarnings() throws {
        let (compilation, path) = try compile("""
            rules:
              enable: [test-nested-attested]
              disable: [domain-vmport-off]
            waivers:
              - {rule: domain-vmport-off, reason: "SEC-1", expires: 2099-01-01}
            attestations:
              - {rule: test-nested-attested, statement: "outer hypervisor reviewed"}
            posture:
              passthrough: {allowedDevices: ["8086:1572"]}
            """)
        let warnings = compilation.warnings.map { "\($0.location!.line): \($0.message)" }
        #expect(warnings == [
            "5: rule 'test-nested-attested' is not opt-in: it is selected whenever its posture applies, so enabling it changes nothing",
            "5: rule 'test-nested-attested' is enabled but does not apply to this posture (it applies when platform: hosted); it is not selected",
            "8: waiver has no effect: the policy does not select rule 'domain-vmport-off'",
            "10: attestation has no effect: the policy does not select rule 'test-nested-attested'",
            "10: attestation has no effect: rule 'test-nested-attested' is checked automatically (check kind 'xml-absent'), only 'manual' rules take attestations",
            "12: 'posture.passthrough.allowedDevices' has no effect while passthrough mode is 'none'",
        ])
        #expect(compilation.warnings.allSatisfy { $0.severity == .warning && $0.location?.file == path })
    }

    @Test func waiverExpiringTodayIsStillValid() throws {
        let (compilation, _) = try compile("waivers:\n  - {rule: domain-vmport-off, reason: \"SEC-1\", expires: 2026-06-01}\n")
        #expect(compilation.policy.waivers.count == 1)
        #expect(throws: DiagnosticsError.self) {
            try compile("waivers:\n  - {rule: domain-vmport-off, reason: \"SEC-1\", expires: 2026-05-31}\n")
        }
    }

    @Test func emptyProfileListCompilesTheDefaults() throws {
        let compilation = try ProfileTestSupport.compile([])
        #expect(compilation.policy.posture == Posture())
        #expect(compilation.policy.sources.isEmpty)
        #expect(compilation.policy.digest == SHA256.hex([UInt8]()))
        #expect(!compilation.policy.rules.isEmpty)
    }
}
