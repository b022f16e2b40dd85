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

/// B1-2 (KSM, memory over-commit) and B1-3 (vCPUs per core).
@Suite struct FactCapacityEvaluatorTests {
    @Test(arguments: [(nil, nil, true), (0, 0, true), (2, 0, true), (1, 1536, false), (0, 200, false)] as [(Int?, Int?, Bool)])
    func ksm(run: Int?, shared: Int?, compliant: Bool) throws {
        let outcome = try FactFixture.evaluate("host-ksm-disabled", HostFacts(ksm: KSMFacts(run: run, pagesShared: shared)))
        #expect(outcome.isNoncompliant == !compliant)
        if let run, let shared, !compliant {
            #expect(outcome.findingText?.contains("/sys/kernel/mm/ksm/run is \(run)") == true)
            #expect(outcome.findingText?.contains("\(shared)") == true)
        }
    }

    @Test(arguments: [
        ("16", "GiB", 17_179_869_184), ("16777216", nil, 17_179_869_184), ("16384", "MiB", 17_179_869_184),
        ("16", "G", 17_179_869_184), ("2", "GB", 2_000_000_000), ("4096", "bytes", 4096), ("4096", "b", 4096),
        ("1", "KB", 1000), ("1", "k", 1024), ("1", "TiB", 1_099_511_627_776),
    ] as [(String, String?, UInt64)])
    func memoryUnits(value: String, unit: String?, bytes: UInt64) {
        #expect(MemorySize.bytes(value: value, unit: unit) == bytes)
    }

    @Test func unknownUnitsAndValuesAreRejected() {
        #expect(MemorySize.bytes(value: "16", unit: "GiBi") == nil)
        #expect(MemorySize.bytes(value: "16", unit: "Q") == nil)
        #expect(MemorySize.bytes(value: "-1", unit: nil) == nil)
        #expect(MemorySize.bytes(value: "18446744073709551615", unit: "EiB") == nil)
    }

    /// The lab's four selected domains (template-base excluded): 34 GiB on a 65 GiB host.
    static let lab: [(String, String)] = [
        ("web01", FactFixture.domain("web01", memory: "<memory unit='KiB'>8388608</memory>", vcpu: "<vcpu placement='static'>4</vcpu>")),
        ("db01", FactFixture.domain("db01", memory: "<memory unit='KiB'>16777216</memory>", vcpu: "<vcpu placement='static'>2</vcpu>")),
        ("gpu01", FactFixture.domain("gpu01", memory: "<memory unit='KiB'>8388608</memory>", vcpu: "<vcpu placement='static'>2</vcpu>")),
        ("secure01", FactFixture.domain("secure01", memory: "<memory unit='KiB' dumpCore='off'>2097152</memory>", vcpu: "<vcpu placement='static'>1</vcpu>")),
    ]
    static let labFacts = HostFacts(
        cpu: CPUFacts(vendor: "GenuineIntel", vmx: true, ept: true, logicalCPUs: 4, physicalCores: 2, sockets: 1),
        memory: MemoryFacts(memTotalKiB: 68_157_440))

    @Test func labMemoryFits() throws {
        #expect(try FactFixture.evaluate("host-memory-not-overcommitted", Self.labFacts, domains: Self.lab) == .compliant)
    }

    @Test func overcommitNamesEveryDomainAndTheBudget() throws {
        var facts = Self.labFacts
        facts.memory.memTotalKiB = 33_554_432 // 32 GiB
        let message = try #require(try FactFixture.evaluate("host-memory-not-overcommitted", facts, domains: Self.lab).findingText)
        #expect(message.contains("define 34.0 GiB"))
        #expect(message.contains("'db01' 16.0 GiB"))
        #expect(message.contains("MemTotal is 32.0 GiB and the 2048 MiB host reserve leaves 30.0 GiB"))
    }

    @Test func theReserveIsAParameter() throws {
        var facts = Self.labFacts
        facts.memory.memTotalKiB = 37_748_736 // 36 GiB: 34 GiB fits with 2 GiB reserved, not with 4
        #expect(try FactFixture.evaluate("host-memory-not-overcommitted", facts, domains: Self.lab) == .compliant)
        #expect(try FactFixture.evaluate("host-memory-not-overcommitted", facts, parameters: ["hostReserveMiB": .int(4096)], domains: Self.lab).isNoncompliant)
    }

    @Test func unknownMemoryUnitCannotBeEvidenced() throws {
        let odd = [("odd", FactFixture.domain("odd", memory: "<memory unit='furlongs'>3</memory>"))]
        let message = try #require(try FactFixture.evaluate("host-memory-not-overcommitted", Self.labFacts, domains: odd).findingText)
        #expect(message.contains("'odd'"))
    }

    @Test func labVCPURatioExceedsTheDefault() throws {
        let message = try #require(try FactFixture.evaluate("host-vcpu-core-ratio", Self.labFacts, domains: Self.lab).findingText)
        #expect(message.contains("define 9 vCPUs"))
        #expect(message.contains("on 2 physical cores (4 logical CPUs): 4.5 vCPUs per core, above the maximum of 4"))
    }

    @Test func vcpuRatioWithinALargerLimitAndMissingVCPUCountsOne() throws {
        #expect(try FactFixture.evaluate("host-vcpu-core-ratio", Self.labFacts, parameters: ["maxVcpuPerCore": .int(5)], domains: Self.lab) == .compliant)
        let noVCPU = [("a", FactFixture.domain("a", vcpu: "")), ("b", FactFixture.domain("b", vcpu: ""))]
        let oneCore = HostFacts(cpu: CPUFacts(physicalCores: 1))
        #expect(try FactFixture.evaluate("host-vcpu-core-ratio", oneCore, parameters: ["maxVcpuPerCore": .int(2)], domains: noVCPU) == .compliant)
        #expect(try FactFixture.evaluate("host-vcpu-core-ratio", oneCore, parameters: ["maxVcpuPerCore": .int(1)], domains: noVCPU).isNoncompliant)
    }

    @Test func unknownTopologyCannotBeEvidenced() throws {
        let message = try #require(try FactFixture.evaluate("host-vcpu-core-ratio", HostFacts(), domains: Self.lab).findingText)
        #expect(message.contains("cannot be evidenced"))
    }
}
