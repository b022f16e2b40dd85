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

/// B1-1 (hardware-assisted isolation) and posture A (bare metal vs hosted).
@Suite struct FactIsolationEvaluatorTests {
    static let intel = CPUFacts(vendor: "GenuineIntel", modelName: "Intel(R) Core(TM) i3-7100 CPU @ 3.90GHz", vmx: true, ept: true)

    @Test func virtualizationExtensionsPresent() throws {
        #expect(try FactFixture.evaluate("host-cpu-virtualization-extensions", HostFacts(cpu: Self.intel)) == .compliant)
        let amd = HostFacts(cpu: CPUFacts(vendor: "AuthenticAMD", svm: true, npt: true))
        #expect(try FactFixture.evaluate("host-cpu-virtualization-extensions", amd) == .compliant)
    }

    @Test func nestedHostWithDevKVMButNoFlagsIsAFindingThatNamesBoth() throws {
        let facts = HostFacts(cpu: CPUFacts(vendor: "GenuineIntel", hypervisor: true), kvm: KVMFacts(devKVM: true))
        let message = try #require(try FactFixture.evaluate("host-cpu-virtualization-extensions", facts).findingText)
        #expect(message.contains("no 'vmx' or 'svm' flag"))
        #expect(message.contains("/dev/kvm exists"))
    }

    @Test func unreadableCPUInfoCannotBeEvidenced() throws {
        let message = try #require(try FactFixture.evaluate("host-cpu-virtualization-extensions", HostFacts()).findingText)
        #expect(message.contains("cannot be evidenced"))
    }

    @Test func secondLevelPaging() throws {
        #expect(try FactFixture.evaluate("host-cpu-second-level-paging", HostFacts(cpu: Self.intel)) == .compliant)
        let noEPT = HostFacts(cpu: CPUFacts(vendor: "GenuineIntel", vmx: true))
        let message = try #require(try FactFixture.evaluate("host-cpu-second-level-paging", noEPT).findingText)
        #expect(message.contains("no 'ept' or 'npt'"))
        #expect(message.contains("'vmx' is present"))
    }

    @Test func devKVM() throws {
        #expect(try FactFixture.evaluate("host-dev-kvm-present", HostFacts(kvm: KVMFacts(devKVM: true))) == .compliant)
        let message = try #require(try FactFixture.evaluate("host-dev-kvm-present", HostFacts()).findingText)
        #expect(message.contains("/dev/kvm does not exist"))
        #expect(message.contains("neither 'kvm_intel' nor 'kvm_amd'"))
    }

    @Test(arguments: [("kvm_intel", "ept", "Y", true), ("kvm_intel", "ept", "N", false), ("kvm_amd", "npt", "1", true), ("kvm_amd", "npt", "0", false)])
    func kvmPagingParameter(module: String, parameter: String, value: String, compliant: Bool) throws {
        let facts = HostFacts(kvm: KVMFacts(devKVM: true, module: module, parameters: [parameter: value]))
        let outcome = try FactFixture.evaluate("host-kvm-second-level-paging-enabled", facts)
        if compliant {
            #expect(outcome == .compliant)
        } else {
            let message = try #require(outcome.findingText)
            #expect(message.contains("/sys/module/\(module)/parameters/\(parameter) is '\(value)'"))
        }
    }

    @Test func kvmPagingWithoutAModuleCannotBeEvidenced() throws {
        let message = try #require(try FactFixture.evaluate("host-kvm-second-level-paging-enabled", HostFacts()).findingText)
        #expect(message.contains("cannot be evidenced"))
    }

    @Test func bareMetalHostWithoutEvidenceIsCompliant() throws {
        let facts = HostFacts(platform: PlatformFacts(dmiVendor: "Dell Inc.", dmiProduct: "PowerEdge R650"))
        #expect(try FactFixture.evaluate("host-not-nested", facts) == .compliant)
    }

    @Test func bareMetalClaimOnAVirtualMachineListsTheEvidence() throws {
        let platform = PlatformFacts(
            hypervisorFlag: true, dmiVendor: "QEMU", isVirtualMachine: true,
            evidence: ["/proc/cpuinfo has the 'hypervisor' CPU flag", "DMI sys_vendor 'QEMU' matches the virtual machine vendor 'QEMU'"])
        let message = try #require(try FactFixture.evaluate("host-not-nested", HostFacts(platform: platform)).findingText)
        #expect(message.contains("platform 'bare-metal'"))
        #expect(message.contains("'hypervisor' CPU flag; DMI sys_vendor 'QEMU'"))
    }

    @Test func evidenceIsRebuiltFromRawFieldsWhenAFactsFileLacksIt() throws {
        let facts = HostFacts(platform: PlatformFacts(sysHypervisorType: "xen"))
        let message = try #require(try FactFixture.evaluate("host-not-nested", facts).findingText)
        #expect(message.contains("/sys/hypervisor/type is 'xen'"))
    }

    @Test func hostedPostureAppliesTheAttestationRuleInstead() throws {
        let nested = try FactFixture.rule("host-not-nested")
        let attested = try FactFixture.rule("host-outer-hypervisor-attested")
        let hosted = Posture(platform: .hosted)
        #expect(!nested.appliesWhen.matches(hosted))
        #expect(attested.appliesWhen.matches(hosted))
        #expect(!attested.appliesWhen.matches(Posture(platform: .bareMetal)))
        #expect(attested.target == .manual)
    }
}
