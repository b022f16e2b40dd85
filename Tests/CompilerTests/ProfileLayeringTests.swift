import Foundation
import Testing
@testable import Compiler
import TestSupport

/// `extends` and several profiles on the command line: later layers override field by field.
@Suite struct ProfileLayeringTests {
    @Test func postureOverridesFieldByField() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try directory.write("base.yaml", profileHeader("base") + """
            posture:
              platform: hosted
              virtualization: software
              bootIntegrity: required
              passthrough: {mode: pci-vfio, allowedDevices: ["8086:1572"], maxDevicesPerDomain: 2, allowUSB: true}
            """)
        let child = try directory.write("child.yaml", profileHeader("child") + """
            extends: [base.yaml]
            posture:
              platform: bare-metal
              passthrough: {maxDevicesPerDomain: 1}
            """)
        let posture = try ProfileTestSupport.compile([child]).policy.posture
        #expect(posture == Posture(
            platform: .bareMetal, virtualization: .software, bootIntegrity: .required,
            passthrough: PassthroughPolicy(mode: .pciVFIO, allowedDevices: ["8086:1572"], maxDevicesPerDomain: 1, allowUSB: true)
        ))
    }

    @Test func unsetFieldsKeepTheDefaults() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.yaml", profileHeader() + "posture: {platform: hosted}\n")
        let policy = try ProfileTestSupport.compile([path]).policy
        var expected = Posture()
        expected.platform = .hosted
        #expect(policy.posture == expected)
        #expect(policy.domains == DomainSelector())
    }

    @Test func domainListsEachReplace() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try directory.write("base.yaml", profileHeader("base") + "domains: {include: [\"web-*\", \"db-*\"], exclude: [\"template-*\"]}\n")
        let child = try directory.write("child.yaml", profileHeader("child") + "extends: [base.yaml]\ndomains: {include: [\"web-*\"]}\n")
        let domains = try ProfileTestSupport.compile([child]).policy.domains
        #expect(domains == DomainSelector(include: ["web-*"], exclude: ["template-*"]))
    }

    @Test func enableAndDisableLastMentionWins() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try directory.write("base.yaml", profileHeader("base") + """
            rules:
              enable: [test-disk-encryption]
              disable: [domain-vmport-off, domain-no-qemu-commandline]
            """)
        let child = try directory.write("child.yaml", profileHeader("child") + """
            extends: [base.yaml]
            rules:
              enable: [domain-vmport-off]
              disable: [test-disk-encryption]
            """)
        let compilation = try ProfileTestSupport.compile([child])
        let ids = Set(compilation.policy.rules.map(\.rule.id))
        #expect(ids.contains("domain-vmport-off"))
        #expect(!ids.contains("domain-no-qemu-commandline"))
        #expect(!ids.contains("test-disk-encryption"))
        // Re-enabling what a parent disabled is meaningful, so it draws no "not opt-in" warning.
        #expect(compilation.warnings.isEmpty, "\(compilation.warnings)")
        let vmport = try #require(compilation.policy.rules.first { $0.rule.id == "domain-vmport-off" })
        #expect(vmport.selectedBy?.file == child)
        #expect(vmport.selectedBy?.line == 6)
    }

    @Test func valuesMergePerRuleAndParameter() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try directory.write("base.yaml", profileHeader("base") + """
            rules:
              values:
                test-max-processes: 4096
                test-graphics-listen: {allowedListen: ["127.0.0.1", "::1"], protocol: spice}
            """)
        let child = try directory.write("child.yaml", profileHeader("child") + """
            extends: [base.yaml]
            rules:
              values:
                test-graphics-listen: {protocol: vnc, tls: true}
            """)
        let rules = try ProfileTestSupport.compile([child]).policy.rules
        let processes = try #require(rules.first { $0.rule.id == "test-max-processes" })
        #expect(processes.parameters == ["maxProcesses": .int(4096)])
        let graphics = try #require(rules.first { $0.rule.id == "test-graphics-listen" })
        #expect(graphics.parameters == [
            "allowedListen": .list(["127.0.0.1", "::1"]), "protocol": .string("vnc"), "tls": .bool(true),
        ])
    }

    @Test func waiversAndAttestationsAccumulate() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try directory.write("base.yaml", profileHeader("base") + """
            waivers:
              - {rule: domain-vmport-off, reason: "SEC-1", expires: 2099-01-01}
            attestations:
              - {rule: test-firewall-reviewed, statement: "CHG-1"}
            """)
        let child = try directory.write("child.yaml", profileHeader("child") + """
            extends: [base.yaml]
            waivers:
              - {rule: domain-no-qemu-commandline, domains: ["legacy-*"], reason: "SEC-2", expires: 2099-01-01}
            """)
        let policy = try ProfileTestSupport.compile([child]).policy
        #expect(policy.waivers.map(\.rule) == ["domain-vmport-off", "domain-no-qemu-commandline"])
        #expect(policy.waivers.last?.domains == ["legacy-*"])
        #expect(policy.attestations.map(\.statement) == ["CHG-1"])
        #expect(policy.waiver(for: "domain-no-qemu-commandline", domain: "legacy-db", on: ProfileTestSupport.today) != nil)
        #expect(policy.waiver(for: "domain-no-qemu-commandline", domain: "web", on: ProfileTestSupport.today) == nil)
    }

    /// Several profiles on the command line layer in order, like a chain of `extends`.
    @Test func commandLineProfilesLayerInOrder() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let first = try directory.write("first.yaml", profileHeader("first") + "posture: {platform: hosted, bootIntegrity: required}\n")
        let second = try directory.write("second.yaml", profileHeader("second") + "posture: {platform: bare-metal}\n")
        let policy = try ProfileTestSupport.compile([first, second]).policy
        #expect(policy.posture.platform == .bareMetal)
        #expect(policy.posture.bootIntegrity == .required)
        #expect(policy.sources == [first, second])
        let reversed = try ProfileTestSupport.compile([second, first]).policy
        #expect(reversed.posture.platform == .hosted)
    }

    /// A shared grandparent is layered once, first, so it cannot undo a parent's override.
    @Test func sharedParentIsLayeredOnce() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try directory.write("root.yaml", profileHeader("root") + "posture: {platform: hosted, virtualization: software}\n")
        try directory.write("left.yaml", profileHeader("left") + "extends: [root.yaml]\nposture: {platform: bare-metal}\n")
        try directory.write("right.yaml", profileHeader("right") + "extends: [root.yaml]\nposture: {bootIntegrity: required}\n")
        let leaf = try directory.write("sub/leaf.yaml", profileHeader("leaf") + "extends: [../left.yaml, ../right.yaml]\n")
        let policy = try ProfileTestSupport.compile([leaf]).policy
        #expect(policy.sources.map { ($0 as NSString).lastPathComponent } == ["root.yaml", "left.yaml", "right.yaml", "leaf.yaml"])
        #expect(policy.posture.platform == .bareMetal)
        #expect(policy.posture.virtualization == .software)
        #expect(policy.posture.bootIntegrity == .required)
        #expect(policy.sources[1] == directory.path("left.yaml"), "relative parents are normalised")
    }

    @Test func shippedParentByName() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("site.yaml", profileHeader("site") + "extends: [nist-800-125a-high]\nposture: {platform: hosted}\n")
        let policy = try ProfileTestSupport.compile([path]).policy
        #expect(policy.sources == ["profiles/nist-800-125a-baseline.yaml", "profiles/nist-800-125a-high.yaml", path])
        #expect(policy.posture.bootIntegrity == .required)
        #expect(policy.posture.platform == .hosted)
    }

    @Test func errorsInParentsAreReportedWithTheirFile() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let base = try directory.write("base.yaml", profileHeader("base") + "posture: {platfrom: hosted}\n")
        let child = try directory.write("child.yaml", profileHeader("child") + "extends: [base.yaml]\nposture: {bootIntegrity: maybe}\n")
        let diagnostics = ProfileTestSupport.diagnostics([child])
        // The file given first, then what it extends, in the order they were read.
        #expect(diagnostics.map { $0.location?.file } == [child, base])
        #expect(diagnostics.last?.message == "unknown key 'platfrom' in 'posture' (did you mean 'platform'?)")
    }
}
