import Compiler
import Foundation
import HostModel
import Planner
import Testing
import TestSupport

/// Fixes are checked against libvirt's domain capabilities (here: documents captured on a real
/// host) before they are proposed: a fix whose result the hypervisor cannot run becomes a
/// finding naming what is missing, and fixes that change nothing the capabilities decide are
/// proposed as before.
@Suite struct CapabilityGateTests {
    typealias F = PlannerFakes

    /// A host where every precondition of the rules below holds: /dev/kvm, x86_64, swtpm.
    static var facts: HostFacts {
        var facts = HostFacts()
        facts.kvm.devKVM = true
        facts.cpu.architecture = "x86_64"
        facts.software = SoftwareFacts(swtpm: "/usr/bin/swtpm", swtpmSetup: "/usr/bin/swtpm_setup")
        return facts
    }

    static func tcgGuest(cpu: String = "", devices: String = "") -> String {
        F.domain("g", devices: devices, extra: cpu).replacingOccurrences(of: "type='kvm'", with: "type='qemu'")
    }

    func plan(_ xml: String, rules: [String], capabilities: @escaping CapabilitySource) throws -> Plan {
        let host = InMemoryHost(domains: ["g": xml], facts: Self.facts)
        host.capabilities = capabilities
        return try Planner.plan(policy: try F.policy(rules), reader: host)
    }

    @Test func typeKVMIsProposedWhenKVMSupportsTheGuestAsItIs() throws {
        let plan = try plan(Self.tcgGuest(cpu: "<cpu mode='host-model'/>"), rules: ["domain-type-kvm"], capabilities: CapturedCapabilities.amdNested)
        #expect(plan.changes.map(\.rule) == ["domain-type-kvm"])
        #expect(plan.findings.isEmpty)
    }

    /// The reported break: host-model with a feature KVM on this host cannot provide started
    /// under TCG and not after the switch to KVM.
    @Test func typeKVMIsNotProposedForACPUFeatureKVMCannotProvide() throws {
        let cpu = "<cpu mode='host-model'><feature policy='require' name='cmt'/></cpu>"
        let plan = try plan(Self.tcgGuest(cpu: cpu), rules: ["domain-type-kvm"], capabilities: CapturedCapabilities.amdNested)
        #expect(plan.changes.isEmpty)
        let finding = try #require(plan.findings.first { $0.rule == "domain-type-kvm" })
        #expect(finding.message.contains("fix not proposed"))
        #expect(finding.message.contains("CPU feature 'cmt'"), "\(finding.message)")
        #expect(finding.message.contains("under kvm"))
    }

    /// Found by the boot test on a nested host: KVM there advertises CPU features it cannot set,
    /// so a host-model or maximum guest moved from TCG to KVM no longer starts.
    @Test(arguments: ["host-model", "maximum"])
    func aHostExpandedCPUStaysOnTCGOnANestedHost(mode: String) throws {
        let host = InMemoryHost(domains: ["g": Self.tcgGuest(cpu: "<cpu mode='\(mode)'/>")], facts: Self.facts)
        host.facts.platform = PlatformFacts(hypervisorFlag: true, isVirtualMachine: true, evidence: ["/proc/cpuinfo has the 'hypervisor' CPU flag"])
        let plan = try Planner.plan(policy: try F.policy(["domain-type-kvm"]), reader: host)
        #expect(plan.changes.isEmpty)
        #expect(plan.findings.first { $0.rule == "domain-type-kvm" }?.message.contains("itself a virtual machine") == true)
        // The same guest without a CPU element (QEMU's default model) is moved.
        let plain = InMemoryHost(domains: ["g": Self.tcgGuest()], facts: host.facts)
        #expect(try Planner.plan(policy: try F.policy(["domain-type-kvm"]), reader: plain).changes.map(\.rule) == ["domain-type-kvm"])
    }

    @Test func typeKVMIsNotProposedOnAHostWithoutKVM() throws {
        let plan = try plan(Self.tcgGuest(), rules: ["domain-type-kvm"], capabilities: CapturedCapabilities.withoutKVM)
        #expect(plan.changes.isEmpty)
        let finding = try #require(plan.findings.first { $0.rule == "domain-type-kvm" })
        #expect(finding.message.contains("libvirt on this host has no virt type 'kvm'"), "\(finding.message)")
        #expect(finding.message.contains("KVM is not supported"))
    }

    @Test func aCustomCPUModelKVMCannotRunKeepsTheGuestOnTCG() throws {
        let cpu = "<cpu mode='custom' match='exact'><model fallback='forbid'>Skylake-Server</model></cpu>"
        let caps = try CapturedCapabilities.document("amd-nested-kvm-q35")
        try #require(caps.cpuModels["Skylake-Server"] == false, "the captured host should not run Skylake-Server")
        let plan = try plan(Self.tcgGuest(cpu: cpu), rules: ["domain-type-kvm"], capabilities: CapturedCapabilities.amdNested)
        #expect(plan.changes.isEmpty)
        #expect(plan.findings.first { $0.rule == "domain-type-kvm" }?.message.contains("CPU model 'Skylake-Server' is not usable under kvm") == true)
    }

    /// swtpm missing shows in the capabilities as a TPM without the emulator backend.
    @Test func anEmulatedTPMIsNotAddedWhereLibvirtHasNoEmulatorBackend() throws {
        let xml = F.domain("g")
        let without = try plan(xml, rules: ["domain-vtpm"], capabilities: CapturedCapabilities.amdNested)
        #expect(without.changes.isEmpty)
        #expect(without.findings.first { $0.rule == "domain-vtpm" }?.message.contains("TPM backend 'emulator' is not supported under kvm") == true,
                "\(without.findings.map(\.message))")
        let with = try plan(xml, rules: ["domain-vtpm"], capabilities: CapturedCapabilities.amdNested { caps in
            caps.devices["tpm"]?.enums["backendModel", default: []].insert("emulator")
        })
        #expect(with.changes.map(\.rule).contains("domain-vtpm"), "\(with.findings.map(\.message))")
    }

    /// Without any capabilities (the test driver), fixes of what they decide are findings and
    /// every other fix is proposed.
    @Test func unknownCapabilitiesWithholdOnlyTheFixesTheyDecide() throws {
        let xml = Self.tcgGuest(devices: "<graphics type='vnc' listen='0.0.0.0'/>")
        let plan = try plan(xml, rules: ["domain-type-kvm", "domain-graphics-listen-local", "domain-vmport-off"],
                            capabilities: { _ in .unknown("this function is not supported by the connection driver") })
        #expect(Set(plan.changes.map(\.rule)) == ["domain-graphics-listen-local", "domain-vmport-off"])
        #expect(plan.findings.first { $0.rule == "domain-type-kvm" }?.message.contains("cannot be shown to be supported") == true)
    }

    @Test func capabilitiesAreAskedOncePerKey() throws {
        let counter = Counter()
        let domains = Dictionary(uniqueKeysWithValues: (0..<50).map { ("g\($0)", Self.tcgGuest().replacingOccurrences(of: "<name>g</name>", with: "<name>g\($0)</name>")) })
        let host = InMemoryHost(domains: domains, facts: Self.facts)
        host.capabilities = { key in counter.add(key); return CapturedCapabilities.amdNested(key) }
        let plan = try Planner.plan(policy: try F.policy(["domain-type-kvm"]), reader: host)
        #expect(plan.changes.count == 50)
        // The original key (qemu) and the fixed one (kvm), once each for fifty domains.
        #expect(counter.keys.count == 2, "\(counter.keys)")
        #expect(counter.calls == 2, "asked \(counter.calls) times for \(counter.keys.count) keys")
    }
}

/// Counts capability lookups from any thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var calls = 0
    private(set) var keys: Set<CapabilityKey> = []

    func add(_ key: CapabilityKey) {
        lock.lock()
        calls += 1
        keys.insert(key)
        lock.unlock()
    }
}
