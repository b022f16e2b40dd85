import Compiler
import Host
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// PI-1 (Secure Boot, TPM 2.0, measured boot, lockdown) and B2-2 (signed modules, taint).
@Suite struct FactBootIntegrityEvaluatorTests {
    static let hosted = Posture(platform: .hosted, bootIntegrity: .required)

    @Test func secureBootStates() throws {
        #expect(try FactFixture.evaluate("host-secure-boot-enabled", HostFacts(boot: BootFacts(uefi: true, secureBoot: true))) == .compliant)
        let off = try #require(try FactFixture.evaluate("host-secure-boot-enabled", HostFacts(boot: BootFacts(uefi: true, secureBoot: false))).findingText)
        #expect(off.contains("'SecureBoot' EFI variable is 0"))
        let legacy = try #require(try FactFixture.evaluate("host-secure-boot-enabled", HostFacts(boot: BootFacts(uefi: false))).findingText)
        #expect(legacy.contains("legacy BIOS"))
        let unknown = try #require(try FactFixture.evaluate("host-secure-boot-enabled", HostFacts(boot: BootFacts(uefi: true))).findingText)
        #expect(unknown.contains("cannot be evidenced"))
    }

    @Test(arguments: ["host-secure-boot-enabled", "host-tpm2-present", "host-measured-boot-log", "host-iommu-active"])
    func hostedPlatformMakesPlatformEvidenceNotApplicable(_ id: String) throws {
        let posture = Posture(platform: .hosted, bootIntegrity: .required, passthrough: PassthroughPolicy(mode: .pciVFIO))
        let reason = try #require(try FactFixture.evaluate(id, HostFacts(), posture: posture).notApplicableReason)
        #expect(reason.contains("'host-outer-hypervisor-attested'"))
        // The same empty facts on bare metal are a finding: the n/a comes from the posture alone.
        let bareMetal = Posture(platform: .bareMetal, bootIntegrity: .required, passthrough: PassthroughPolicy(mode: .pciVFIO))
        #expect(try FactFixture.evaluate(id, HostFacts(), posture: bareMetal).isNoncompliant)
    }

    @Test func tpmVersions() throws {
        #expect(try FactFixture.evaluate("host-tpm2-present", HostFacts(tpm: TPMFacts(present: true, versionMajor: 2))) == .compliant)
        let v1 = try #require(try FactFixture.evaluate("host-tpm2-present", HostFacts(tpm: TPMFacts(present: true, versionMajor: 1))).findingText)
        #expect(v1.contains("tpm_version_major is '1'"))
        let none = try #require(try FactFixture.evaluate("host-tpm2-present", HostFacts()).findingText)
        #expect(none.contains("/sys/class/tpm/tpm0 is absent"))
    }

    @Test func measuredBootLog() throws {
        let measured = HostFacts(tpm: TPMFacts(present: true, versionMajor: 2, measuredBootLog: true))
        #expect(try FactFixture.evaluate("host-measured-boot-log", measured) == .compliant)
        let message = try #require(try FactFixture.evaluate("host-measured-boot-log", HostFacts()).findingText)
        #expect(message.contains("binary_bios_measurements is absent"))
        #expect(message.contains("no TPM"))
    }

    @Test func lockdownModesComeFromTheParameter() throws {
        #expect(try FactFixture.evaluate("host-kernel-lockdown", HostFacts(boot: BootFacts(lockdown: "integrity"))) == .compliant)
        let strict: [String: Value] = ["allowedModes": .list(["confidentiality"])]
        let message = try #require(try FactFixture.evaluate("host-kernel-lockdown", HostFacts(boot: BootFacts(lockdown: "integrity")), parameters: strict).findingText)
        #expect(message.contains("kernel lockdown is 'integrity', expected 'confidentiality'"))
        let none = try #require(try FactFixture.evaluate("host-kernel-lockdown", HostFacts(boot: BootFacts(lockdown: "none"))).findingText)
        #expect(none.contains("'none'"))
        let unknown = try #require(try FactFixture.evaluate("host-kernel-lockdown", HostFacts()).findingText)
        #expect(unknown.contains("cannot be evidenced"))
    }

    @Test func lockdownAppliesOnHostedPlatformsToo() throws {
        // Lockdown is a property of this kernel, not of the (virtual) firmware, so it stays evidencable.
        #expect(try FactFixture.evaluate("host-kernel-lockdown", HostFacts(boot: BootFacts(lockdown: "none")), posture: Self.hosted).isNoncompliant)
    }

    @Test func moduleSignaturesEnforcedBySigEnforceOrLockdown() throws {
        #expect(try FactFixture.evaluate("host-module-signature-enforced", HostFacts(boot: BootFacts(moduleSigEnforce: true))) == .compliant)
        let lockedDown = HostFacts(boot: BootFacts(lockdown: "integrity", moduleSigEnforce: false))
        #expect(try FactFixture.evaluate("host-module-signature-enforced", lockedDown) == .compliant)
        let open = HostFacts(boot: BootFacts(lockdown: "none", moduleSigEnforce: false))
        let message = try #require(try FactFixture.evaluate("host-module-signature-enforced", open).findingText)
        #expect(message.contains("sig_enforce is 'N' and kernel lockdown is 'none': the kernel loads unsigned modules"))
        let unknown = try #require(try FactFixture.evaluate("host-module-signature-enforced", HostFacts()).findingText)
        #expect(unknown.contains("sig_enforce is absent"))
        #expect(unknown.contains("cannot be evidenced"))
    }

    @Test(arguments: [(0, nil), (1 << 9, nil), (1 << 12, "bit 12 ('O'"), (1 << 13, "bit 13 ('E'"), ((1 << 12) | (1 << 13) | 1, "bit 12 ('O': an out-of-tree module was loaded) and bit 13")])
    func taintBits(tainted: Int, expected: String?) throws {
        let outcome = try FactFixture.evaluate("host-kernel-not-tainted-by-modules", HostFacts(boot: BootFacts(tainted: tainted)))
        if let expected {
            let message = try #require(outcome.findingText)
            #expect(message.contains("/proc/sys/kernel/tainted is \(tainted)"))
            #expect(message.contains(expected))
        } else {
            #expect(outcome == .compliant)
        }
    }

    @Test func unreadableTaintCannotBeEvidenced() throws {
        #expect(try FactFixture.evaluate("host-kernel-not-tainted-by-modules", HostFacts())
            .findingText?.contains("cannot be evidenced") == true)
    }
}
