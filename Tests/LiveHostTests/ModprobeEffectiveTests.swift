import Compiler
import Foundation
import Testing
import Planner
import LiveHost
import LiveTestSupport

/// The options modprobe passes (#11 item 8): modprobe.d files merged by name across /etc, /run,
/// /usr/local/lib, /usr/lib and /lib, every `options` line of a module concatenated in name
/// order and the kernel keeping a parameter's last value, `-` and `_` alike in module and
/// parameter names, and the kernel command line appended last.
@Suite struct ModprobeEffectiveTests {
    static let rule = ["modprobe-kvm-intel-nested-off"]
    static let key = "options[. = \"kvm_intel\"]/nested"
    static let own = "/etc/modprobe.d/hvharden.conf"

    @Test func aDashedModuleNameInALaterFileOverridesHvhardensFile() throws {
        let box = try ConfigSandbox()
        try box.intelHost()
        try box.write("options kvm_intel nested=0\n", to: Self.own)
        try box.write("options kvm-intel ept=1 nested=1\n", to: "/etc/modprobe.d/kvm.conf")
        let (plan, after) = try box.converge(Self.rule)
        let change = try #require(plan.changes.first, "kvm.conf sorts after hvharden.conf and turns nesting on")
        #expect(change.address.file == "/etc/modprobe.d/kvm.conf" && change.before == "1")
        #expect(box.text("/etc/modprobe.d/kvm.conf") == "options kvm-intel ept=1 nested=0\n")
        #expect(after.changes.isEmpty)
    }

    @Test func optionsLinesAccumulateAndTheLastValueWins() throws {
        let box = try ConfigSandbox()
        try box.write("options kvm_intel nested=0\noptions kvm_intel ept=1\noptions kvm-intel nested=Y\n", to: "/etc/modprobe.d/a.conf")
        let entry = try box.read(.modprobe, [Self.key]).entry(Self.key)
        #expect(entry.value == "Y" && entry.line == 3, "\(entry)")
        try box.intelHost()
        try box.apply(try box.plan(Self.rule))
        #expect(box.text("/etc/modprobe.d/a.conf") == "options kvm_intel nested=0\noptions kvm_intel ept=1\noptions kvm-intel nested=0\n")
    }

    @Test func aDashedParameterNameIsTheSameParameter() throws {
        let box = try ConfigSandbox()
        let flush = "options[. = \"kvm_intel\"]/vmentry_l1d_flush"
        try box.write("options kvm_intel vmentry-l1d-flush=never\n", to: "/etc/modprobe.d/zz.conf")
        let entry = try box.read(.modprobe, [flush]).entry(flush)
        #expect(entry.value == "never" && entry.definedIn == "/etc/modprobe.d/zz.conf")
    }

    @Test func libModprobeDIsReadAndAPackagesFileIsNotEdited() throws {
        let box = try ConfigSandbox()
        try box.intelHost()
        try box.write("options kvm_intel nested=1\n", to: "/lib/modprobe.d/zz-vendor.conf")
        let plan = try box.plan(Self.rule)
        #expect(plan.changes.isEmpty)
        let finding = try #require(plan.findings.first)
        #expect(finding.message.contains("/lib/modprobe.d/zz-vendor.conf:1"), "\(finding.message)")
        // Before hvharden.conf in name order, hvharden's own file overrides it.
        try FileManager.default.moveItem(atPath: box.root + "/lib/modprobe.d/zz-vendor.conf", toPath: box.root + "/lib/modprobe.d/aa-vendor.conf")
        let (again, after) = try box.converge(Self.rule)
        #expect(again.changes.first?.address.file == Self.own)
        #expect(after.isClean)
    }

    @Test func aliasFilesAreReadAndDevNullMasks() throws {
        let box = try ConfigSandbox()
        try box.write("options kvm_intel nested=1\n", to: "/usr/lib/modprobe.d/kvm.alias")
        #expect(try box.read(.modprobe, [Self.key]).entry(Self.key).value == "1")
        try box.link("/etc/modprobe.d/kvm.alias", to: "/dev/null")
        #expect(!(try box.read(.modprobe, [Self.key]).entry(Self.key).present))
    }

    @Test func theKernelCommandLineOverridesModprobeD() throws {
        let box = try ConfigSandbox()
        try box.intelHost(cmdline: "BOOT_IMAGE=/vmlinuz ro kvm-intel.nested=1 quiet")
        try box.write("options kvm_intel nested=0\n", to: Self.own)
        let plan = try box.plan(Self.rule)
        #expect(plan.changes.isEmpty, "editing modprobe.d cannot help: \(plan.changes)")
        let finding = try #require(plan.findings.first)
        #expect(finding.message.contains("/proc/cmdline") && finding.message.contains("kvm-intel.nested=1"), "\(finding.message)")
        try box.intelHost(cmdline: "BOOT_IMAGE=/vmlinuz ro kvm_intel.nested=0 quiet")
        #expect(try box.plan(Self.rule).isClean)
    }
}
