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

/// B1-T: SMT, the kernel's vulnerability report, and KVM's own mitigations.
@Suite struct FactSideChannelEvaluatorTests {
    /// The lab's l1tf line: mitigated, but it says "vulnerable" because SMT is on.
    static let labL1TF = "Mitigation: PTE Inversion; VMX: conditional cache flushes, SMT vulnerable"

    @Test(arguments: ["off", "forceoff", "notsupported", "notimplemented"])
    func smtSafeControls(_ control: String) throws {
        #expect(try FactFixture.evaluate("host-smt-disabled", HostFacts(smt: SMTFacts(control: control))) == .compliant)
    }

    @Test func smtOnNamesTheExposedEntries() throws {
        let facts = HostFacts(
            cpu: CPUFacts(logicalCPUs: 4, physicalCores: 2), smt: SMTFacts(control: "on", active: true),
            vulnerabilities: ["l1tf": Self.labL1TF, "meltdown": "Mitigation: PTI"])
        let message = try #require(try FactFixture.evaluate("host-smt-disabled", facts).findingText)
        #expect(message.contains("smt/control is 'on' (4 logical CPUs on 2 cores)"))
        #expect(message.contains("SMT exposure for 'l1tf'"))
        #expect(!message.contains("meltdown"))
        #expect(try FactFixture.evaluate("host-smt-disabled", facts, parameters: ["coreSchedulingAccepted": .bool(true)]) == .compliant)
    }

    @Test func smtWithoutControlFileFallsBackToTheTopology() throws {
        #expect(try FactFixture.evaluate("host-smt-disabled", HostFacts(cpu: CPUFacts(logicalCPUs: 8, physicalCores: 8))) == .compliant)
        #expect(try FactFixture.evaluate("host-smt-disabled", HostFacts(cpu: CPUFacts(logicalCPUs: 8, physicalCores: 4))).isNoncompliant)
    }

    @Test(arguments: [
        ("Vulnerable, IBPB: disabled, STIBP: disabled", true), ("vulnerable", true), ("KVM: Vulnerable", true),
        ("Processor vulnerable", true), ("Mitigation: PTI", false), (FactSideChannelEvaluatorTests.labL1TF, false), ("Not affected", false),
        ("KVM: Mitigation: Split huge pages", false),
    ])
    func vulnerableStatuses(status: String, vulnerable: Bool) {
        #expect(CPUVulnerabilityStatus.isVulnerable(status) == vulnerable)
    }

    @Test func labVulnerabilitiesReportSpectreOnly() throws {
        let facts = HostFacts(vulnerabilities: [
            "meltdown": "Mitigation: PTI", "spectre_v2": "Vulnerable, IBPB: disabled, STIBP: disabled", "l1tf": Self.labL1TF,
        ])
        let message = try #require(try FactFixture.evaluate("host-cpu-vulnerabilities-mitigated", facts).findingText)
        #expect(message.contains("1 unmitigated CPU vulnerability: 'spectre_v2': 'Vulnerable, IBPB: disabled, STIBP: disabled'"))
        #expect(!message.contains("l1tf"))
    }

    @Test func noVulnerabilityDirectoryCannotBeEvidenced() throws {
        #expect(try FactFixture.evaluate("host-cpu-vulnerabilities-mitigated", HostFacts()).findingText?.contains("cannot be evidenced") == true)
    }

    @Test(arguments: [
        ("force", nil, true), ("auto", nil, true), ("Y", "KVM: Mitigation: Split huge pages", true),
        ("N", "Not affected", true), ("N", "KVM: Vulnerable", false), ("never", "KVM: Vulnerable", false), (nil, nil, false),
        (nil, "Not affected", true),
    ] as [(String?, String?, Bool)])
    func nxHugePages(value: String?, itlb: String?, compliant: Bool) throws {
        let facts = HostFacts(kvm: KVMFacts(nxHugePages: value), vulnerabilities: itlb.map { ["itlb_multihit": $0] } ?? [:])
        #expect(try FactFixture.evaluate("host-kvm-nx-huge-pages", facts).isNoncompliant == !compliant)
    }

    @Test func l1dFlush() throws {
        func facts(_ value: String?, l1tf: String = "Mitigation: PTE Inversion; VMX: vulnerable", module: String = "kvm_intel") -> HostFacts {
            HostFacts(kvm: KVMFacts(module: module, parameters: value.map { ["vmentry_l1d_flush": $0] } ?? [:]), vulnerabilities: ["l1tf": l1tf])
        }
        #expect(try FactFixture.evaluate("host-kvm-l1d-flush", facts("cond")) == .compliant)
        #expect(try FactFixture.evaluate("host-kvm-l1d-flush", facts("always")) == .compliant)
        let never = try #require(try FactFixture.evaluate("host-kvm-l1d-flush", facts("never")).findingText)
        #expect(never.contains("vmentry_l1d_flush is 'never'"))
        #expect(try FactFixture.evaluate("host-kvm-l1d-flush", facts("never", l1tf: "Not affected")) == .compliant)
        #expect(try FactFixture.evaluate("host-kvm-l1d-flush", facts(nil)).isNoncompliant)
        #expect(try FactFixture.evaluate("host-kvm-l1d-flush", facts(nil, module: "kvm_amd")).notApplicableReason != nil)
    }
}
