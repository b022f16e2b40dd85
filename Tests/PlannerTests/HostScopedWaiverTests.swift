import Compiler
import Foundation
import Planner
import Testing
import TestSupport

/// A waiver scoped to `hosts:` holds only on hosts whose name matches one of its globs, so one
/// fleet profile can carry every host's waivers.
@Suite struct HostScopedWaiverTests {
    static let profile = """
        apiVersion: hvharden/v1
        kind: Profile
        metadata: {name: fleet}
        rules:
          enable: [domain-on-crash-no-dump, sysctl-kptr-restrict]
        waivers:
          - rule: domain-on-crash-no-dump
            hosts: ["gpu-*", "lab-0?"]
            reason: "OPS-7: crash dumps collected on the GPU nodes until the driver is fixed"
            expires: 2099-12-31
          - rule: sysctl-kptr-restrict
            hosts: ["gpu-*"]
            reason: "OPS-8: perf profiling on the GPU nodes"
            expires: 2099-12-31
        """

    func plan(host: String?) throws -> Plan {
        let policy = try Compiler.compile(sources: [(name: "fleet.yaml", text: Array(Self.profile.utf8))]).policy
        #expect(policy.waivers.allSatisfy { $0.hosts != nil })
        let memory = InMemoryHost(domains: ["web": PlannerFakes.domain("web")], files: [PlannerFakes.sysctlFile: "kernel.kptr_restrict = 0\n"])
        memory.hostName = host
        return try Planner.plan(policy: policy, reader: memory)
    }

    @Test(arguments: ["gpu-03", "lab-07"])
    func aMatchingHostIsWaived(host: String) throws {
        let plan = try plan(host: host)
        #expect(plan.waived.map(\.rule).contains("domain-on-crash-no-dump"))
        #expect(!plan.changes.map(\.rule).contains("domain-on-crash-no-dump"))
        #expect(plan.waived.first { $0.rule == "domain-on-crash-no-dump" }?.reason.hasPrefix("OPS-7") == true)
        // Host rules are scoped the same way.
        #expect(plan.waived.map(\.rule).contains("sysctl-kptr-restrict") == host.hasPrefix("gpu-"))
    }

    @Test(arguments: ["kvm01", "gpu", "lab-007"] as [String?] + [nil])
    func anyOtherHostIsNot(host: String?) throws {
        let plan = try plan(host: host)
        #expect(plan.waived.isEmpty, "\(host ?? "nil"): \(plan.waived.map(\.rule))")
        #expect(plan.changes.map(\.rule).contains("domain-on-crash-no-dump"))
    }
}
