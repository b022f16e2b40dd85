import Testing
@testable import HostModel

/// The sysctls of the kernel-surface and core-dump rules (sysctl.yaml) are read from a fake
/// /proc/sys, values with spaces and a leading pipe kept whole.
@Suite struct FactsKernelSurfaceSysctlTests {
    @Test func kernelSurfaceAndCoreDumpKeysAreRead() throws {
        let root = try FactsFakeRoot()
        try root.write("/proc/sys/kernel/perf_event_paranoid", "3")
        try root.write("/proc/sys/fs/suid_dumpable", "2")
        try root.write("/proc/sys/kernel/unprivileged_userns_clone", "1")
        try root.write("/proc/sys/user/max_user_namespaces", "63704")
        try root.write("/proc/sys/kernel/core_pattern", "|/lib/systemd/systemd-coredump %P %u %g %s %t %c %h")
        let facts = root.read()
        #expect(facts.sysctl["kernel.perf_event_paranoid"] == "3")
        #expect(facts.sysctl["fs.suid_dumpable"] == "2")
        #expect(facts.sysctl["kernel.unprivileged_userns_clone"] == "1")
        #expect(facts.sysctl["user.max_user_namespaces"] == "63704")
        #expect(facts.sysctl["kernel.core_pattern"] == "|/lib/systemd/systemd-coredump %P %u %g %s %t %c %h")
    }

    @Test func aKernelWithoutDebiansKeyLeavesItAbsent() throws {
        let root = try FactsFakeRoot()
        try root.write("/proc/sys/user/max_user_namespaces", "0")
        let facts = root.read()
        #expect(facts.sysctl["kernel.unprivileged_userns_clone"] == nil)
        #expect(facts.sysctl == ["user.max_user_namespaces": "0"])
    }
}
