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

/// `vcpu-within-cores` (B1-3) and `current-memory-equals-memory` (B1-2).
@Suite struct GuestSizingEvaluatorTests {
    let vcpus = "domain-vcpus-within-cores"
    let memory = "domain-current-memory-equals-memory"

    func host(cores: Int?) -> HostFacts {
        HostFacts(cpu: CPUFacts(logicalCPUs: cores.map { $0 * 2 }, physicalCores: cores))
    }

    func domain(vcpu: String) -> String {
        "<domain type='kvm'><name>t</name><memory>65536</memory>\(vcpu)<os><type arch='x86_64'>hvm</type></os></domain>"
    }

    @Test func unknownCoreCountIsNotApplicable() throws {
        #expect(try GuestHarness.evaluate(vcpus, domain(vcpu: "<vcpu>512</vcpu>"), facts: host(cores: nil)).isNotApplicable)
    }

    @Test func vcpusUpToTheCoreCountAreCompliant() throws {
        #expect(try GuestHarness.evaluate(vcpus, domain(vcpu: "<vcpu placement='static'>4</vcpu>"), facts: host(cores: 4)) == .compliant)
        #expect(try GuestHarness.evaluate(vcpus, domain(vcpu: ""), facts: host(cores: 1)) == .compliant, "absent <vcpu> is 1")
    }

    @Test func threadsDoNotCountAsCores() throws {
        // 4 cores, 8 threads: 5 vCPUs already share cores.
        let outcome = try GuestHarness.evaluate(vcpus, domain(vcpu: "<vcpu>5</vcpu>"), facts: host(cores: 4))
        #expect(outcome.message == "the domain has 5 vCPUs; the host has 4 physical cores, so at most 4")
    }

    @Test func theMaximumCountsNotTheCurrent() throws {
        let outcome = try GuestHarness.evaluate(vcpus, domain(vcpu: "<vcpu current='2'>8</vcpu>"), facts: host(cores: 4))
        #expect(outcome.message?.contains("8 vCPUs") == true)
    }

    @Test func reservedHostCoresLowerTheLimit() throws {
        let xml = domain(vcpu: "<vcpu>4</vcpu>")
        #expect(try GuestHarness.evaluate(vcpus, xml, facts: host(cores: 4), parameters: ["reservedHostCores": .int(1)]).message?
            .contains("less 1 reserved") == true)
        #expect(try GuestHarness.evaluate(vcpus, xml, facts: host(cores: 6), parameters: ["reservedHostCores": .int(2)]) == .compliant)
    }

    @Test func aNonNumericVcpuIsReportedByValue() throws {
        let outcome = try GuestHarness.evaluate(vcpus, domain(vcpu: "<vcpu>four</vcpu>"), facts: host(cores: 4))
        #expect(outcome.message?.contains("'four'") == true)
    }

    func sizes(_ memory: String, _ current: String?) -> String {
        "<domain type='kvm'><name>t</name>\(memory)\(current ?? "")<os><type arch='x86_64'>hvm</type></os></domain>"
    }

    @Test func equalSizesInDifferentUnitsAreCompliant() throws {
        #expect(try GuestHarness.evaluate(memory, sizes("<memory unit='GiB'>2</memory>", "<currentMemory unit='MiB'>2048</currentMemory>")) == .compliant)
        #expect(try GuestHarness.evaluate(memory, sizes("<memory>1024</memory>", "<currentMemory unit='b'>1048576</currentMemory>")) == .compliant)
        #expect(try GuestHarness.evaluate(memory, sizes("<memory unit='KiB'>65536</memory>", nil)) == .compliant)
    }

    @Test func decimalAndBinaryUnitsDiffer() throws {
        let outcome = try GuestHarness.evaluate(memory, sizes("<memory unit='GiB'>1</memory>", "<currentMemory unit='GB'>1</currentMemory>"))
        #expect(outcome.message == "currentMemory is '1 GB' but memory is '1 GiB'")
    }

    @Test func anUnknownUnitIsAFinding() throws {
        let outcome = try GuestHarness.evaluate(memory, sizes("<memory unit='GiB'>1</memory>", "<currentMemory unit='GQ'>1</currentMemory>"))
        #expect(outcome.message?.contains("cannot read") == true)
    }

    @Test(arguments: [
        ("b", 1), ("bytes", 1), ("KB", 1000), ("k", 1024), ("KiB", 1024), ("kib", 1024),
        ("M", 1 << 20), ("MB", 1_000_000), ("GiB", 1 << 30), ("T", 1 << 40), ("PB", 1_000_000_000_000_000),
    ] as [(String, UInt64)])
    func unitsScaleLikeLibvirt(_ unit: String, _ bytes: UInt64) {
        #expect(MemoryAmount.scale(unit) == bytes)
    }

    @Test func absentUnitIsKiBAndBadUnitsAreRejected() {
        #expect(MemoryAmount.scale(nil) == 1024)
        #expect(MemoryAmount.scale("") == 1024)
        #expect(MemoryAmount.scale("xb") == nil)
        #expect(MemoryAmount.scale("KiBB") == nil)
    }
}
