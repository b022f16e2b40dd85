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

/// The tailoring examples mean what their comments say: the GPU host allows exactly its vetted
/// GPUs, and the hosted lab's attestation answers the outer-hypervisor rule on a nested host.
/// (CompilerTests validates every `kind: Profile` under examples/.)
@Suite struct ExamplesProfileTests {
    static func profile(_ name: String) -> String { Repo.root.appendingPathComponent("examples/\(name)").path }

    @Test func gpuComputeHostAllowsOnlyItsVettedGPUs() throws {
        let policy = try Compiler.compile(profiles: [Self.profile("gpu-compute-host.yaml")]).policy
        #expect(policy.posture.passthrough == PassthroughPolicy(
            mode: .pciVFIO, allowedDevices: ["10de:20b5", "10de:2331", "10de:27b8"], maxDevicesPerDomain: 2, allowUSB: false))
        #expect(policy.posture.bootIntegrity == .required)
        #expect(policy.rules.contains { $0.rule.id == "host-iommu-active" })
        #expect(policy.rules.first { $0.rule.id == "host-vcpu-core-ratio" }?.parameters["maxVcpuPerCore"] == .int(1))
        #expect(policy.waivers.map(\.rule) == ["host-smt-disabled", "domain-hostdev-managed"])
        #expect(policy.waivers[1].domains == ["train-legacy-*"])
        #expect(policy.domains.selects("train-a100-01") && !policy.domains.selects("train-a100-template") && !policy.domains.selects("web01"))
    }

    @Test func hostedDevLabAttestsTheOuterHypervisorOnANestedHost() throws {
        let fleet = try BaselineFakeHosts()
        defer { fleet.remove() }
        let compilation = try Compiler.compile(profiles: [Self.profile("hosted-dev-lab.yaml")])
        let policy = compilation.policy
        #expect(policy.posture.platform == .hosted && policy.posture.virtualization == .software)
        #expect(!policy.rules.contains { $0.rule.id == "host-not-nested" || $0.rule.id == "host-cpu-virtualization-extensions" })
        let state = try ObservedState(reading: LiveStateReader(connectURI: fleet.emptyNodeURI, root: fleet.root("nested01").path, key: TestKey.key), policy: policy)
        let plan = try Planner.plan(policy: policy, reader: state)
        #expect(!plan.findings.contains { $0.rule == "host-outer-hypervisor-attested" }, "the attestation answers the manual rule")
        #expect(plan.findings.contains { $0.kind == .manual }, "other manual steps still need a person")
    }
}
