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

/// B2-3 on the host side: an active IOMMU and no unsafe interrupts.
@Suite struct FactIOMMUEvaluatorTests {
    static let pciVFIO = Posture(passthrough: PassthroughPolicy(mode: .pciVFIO))

    @Test func iommuGroupsPresent() throws {
        let facts = HostFacts(iommu: IOMMUFacts(enabled: true, units: ["dmar0"], groups: [IOMMUGroup(id: 12, devices: ["0000:01:00.0"])]))
        #expect(try FactFixture.evaluate("host-iommu-active", facts, posture: Self.pciVFIO) == .compliant)
    }

    @Test func noIOMMUQuotesTheCommandLine() throws {
        let facts = HostFacts(boot: BootFacts(kernelCmdline: "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet"))
        let message = try #require(try FactFixture.evaluate("host-iommu-active", facts, posture: Self.pciVFIO).findingText)
        #expect(message.contains("/sys/kernel/iommu_groups is empty (no unit in /sys/class/iommu)"))
        #expect(message.contains("'BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet'"))
    }

    @Test func iommuRulesApplyOnlyWithPassthrough() throws {
        for id in ["host-iommu-active", "host-vfio-no-unsafe-interrupts", "host-iommu-interrupt-remapping"] {
            let rule = try FactFixture.rule(id)
            #expect(!rule.appliesWhen.matches(Posture()), "'\(id)' must not apply under passthrough mode 'none'")
            #expect(rule.appliesWhen.matches(Self.pciVFIO))
        }
    }

    @Test(arguments: [(nil, true), (false, true), (true, false)] as [(Bool?, Bool)])
    func unsafeInterrupts(allow: Bool?, compliant: Bool) throws {
        let facts = HostFacts(iommu: IOMMUFacts(enabled: true, allowUnsafeInterrupts: allow))
        let outcome = try FactFixture.evaluate("host-vfio-no-unsafe-interrupts", facts, posture: Self.pciVFIO)
        #expect(outcome.isNoncompliant == !compliant)
        if !compliant { #expect(outcome.findingText?.contains("allow_unsafe_interrupts is 'Y'") == true) }
    }
}
