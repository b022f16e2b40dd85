import Compiler
import Foundation
import Host
import Testing
import Planner
import LiveHost
import LiveTestSupport

/// A key set twice in one file (#11 item 3). libvirt's parser keeps every assignment and looks
/// a key up from the top, so qemu.conf and libvirtd.conf mean their first definition;
/// /etc/default/grub is shell, where the last assignment stands. Either way the plan judges what
/// the program uses, a fix leaves every definition agreeing, and the plan after it is empty.
@Suite struct ConfigDuplicateKeyTests {
    static let qemu = "/etc/libvirt/qemu.conf"

    @Test func qemuConfIsJudgedByItsFirstDefinition() throws {
        let box = try ConfigSandbox()
        try box.write("security_driver = \"none\"\nsecurity_driver = \"apparmor\"\n", to: Self.qemu)
        let plan = try box.plan(["qemu-security-driver-enabled"])
        let change = try #require(plan.changes.first { $0.rule == "qemu-security-driver-enabled" },
                                  "the weak first definition is what libvirt uses; the plan must fix it")
        #expect(change.address == .file(Self.qemu, key: "security_driver"))
        #expect(change.before == "none")
        #expect(plan.notes.contains { $0.contains(Self.qemu) && $0.contains("lines 1 and 2") && $0.contains("first") },
                "notes: \(plan.notes)")
    }

    @Test func applyMakesEveryDefinitionAgreeAndThePlanAfterIsEmpty() throws {
        let box = try ConfigSandbox()
        try box.write("# confinement\nsecurity_driver = \"none\"\nuser = \"libvirt-qemu\"\nsecurity_driver = \"apparmor\"\n", to: Self.qemu)
        let (_, again) = try box.converge(["qemu-security-driver-enabled"])
        #expect(box.text(Self.qemu) == "# confinement\nsecurity_driver = \"apparmor\"\nuser = \"libvirt-qemu\"\nsecurity_driver = \"apparmor\"\n")
        #expect(again.changes.isEmpty && again.findings.isEmpty, "after apply: \(again.changes) \(again.findings)")
        #expect(again.notes.isEmpty, "definitions that agree need no note: \(again.notes)")
    }

    @Test func aWeakValueSetTwiceIsFixedInBothPlaces() throws {
        let box = try ConfigSandbox()
        try box.write("max_files = 0\nmax_files = 0\n", to: Self.qemu)
        let (plan, after) = try box.converge(["qemu-max-files"])
        #expect(plan.changes.count == 1)
        #expect(plan.notes.isEmpty, "equal definitions: \(plan.notes)")
        #expect(box.text(Self.qemu) == "max_files = 8192\nmax_files = 8192\n")
        #expect(after.changes.isEmpty)
    }

    @Test func libvirtdConfIsJudgedByItsFirstDefinition() throws {
        let box = try ConfigSandbox()
        let path = "/etc/libvirt/libvirtd.conf"
        try box.write("listen_tcp = 1\nlisten_tcp = 0\n", to: path)
        let entry = try box.read(.libvirtdConf, ["listen_tcp"]).entry("listen_tcp")
        #expect(entry.value == "1" && entry.line == 1)
        #expect(entry.occurrences.map(\.line) == [1, 2])
        let (plan, after) = try box.converge(["libvirtd-listen-tcp-off"])
        #expect(plan.changes.first?.before == "1")
        #expect(box.text(path) == "listen_tcp = 0\nlisten_tcp = 0\n")
        #expect(after.changes.isEmpty)
    }

    @Test func aCompliantFirstDefinitionWithADisagreeingLaterOneIsNoted() throws {
        let box = try ConfigSandbox()
        try box.write("security_driver = \"apparmor\"\n\nsecurity_driver = \"none\"\n", to: Self.qemu)
        let plan = try box.plan(["qemu-security-driver-enabled"])
        #expect(plan.changes.isEmpty && plan.findings.isEmpty, "libvirt uses 'apparmor'")
        let note = try #require(plan.notes.first { $0.contains("security_driver") }, "notes: \(plan.notes)")
        #expect(note.contains(Self.qemu) && note.contains("lines 1 and 3") && note.contains("line 1"), "note: \(note)")
    }

    @Test func grubKeepsTheLastAssignmentAndTheFixEditsEveryOne() throws {
        let box = try ConfigSandbox()
        let grub = "/etc/default/grub"
        try box.write("GRUB_CMDLINE_LINUX=\"mitigations=off\"\nGRUB_CMDLINE_LINUX=\"quiet mitigations=off\"\n", to: grub)
        let entry = try box.read(.grub, ["GRUB_CMDLINE_LINUX"]).entry("GRUB_CMDLINE_LINUX")
        #expect(entry.value == "\"quiet mitigations=off\"" && entry.line == 2, "the shell keeps the last assignment")
        let (plan, again) = try box.converge(["grub-mitigations-not-disabled"])
        #expect(plan.changes.map(\.after) == ["\"quiet\""])
        #expect(box.text(grub) == "GRUB_CMDLINE_LINUX=\"quiet\"\nGRUB_CMDLINE_LINUX=\"quiet\"\n")
        #expect(again.changes.isEmpty && again.notes.isEmpty)
    }
}
