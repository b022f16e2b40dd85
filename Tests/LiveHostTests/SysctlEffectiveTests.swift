import Compiler
import Foundation
import Testing
import Planner
import LiveHost
import LiveTestSupport

/// The value systemd-sysctl leaves in the kernel (#11 item 8): files merged by name across
/// /etc, /run, /usr/local/lib, /usr/lib and /lib sysctl.d, read in name order, later
/// assignments winning, `/` and `.` interchangeable, `-` still an assignment, an explicit key
/// beating a pattern. hvharden's fix goes where it takes effect, never into a package's file.
@Suite struct SysctlEffectiveTests {
    static let rule = ["sysctl-ptrace-scope"]
    static let key = "kernel.yama.ptrace_scope"
    static let own = "/etc/sysctl.d/90-hvharden.conf"

    @Test func aSlashKeyInALaterFileOverridesHvhardensFile() throws {
        let box = try ConfigSandbox()
        try box.write("\(Self.key) = 2\n", to: Self.own)
        try box.write("# local\nkernel/yama/ptrace_scope = 0\n", to: "/etc/sysctl.d/95-local.conf")
        let (plan, after) = try box.converge(Self.rule)
        let change = try #require(plan.changes.first, "95-local.conf sorts last and sets 0")
        #expect(change.address.file == "/etc/sysctl.d/95-local.conf" && change.before == "0")
        #expect(box.text("/etc/sysctl.d/95-local.conf") == "# local\nkernel/yama/ptrace_scope = 2\n")
        #expect(after.changes.isEmpty)
    }

    @Test func aDashPrefixedKeyIsStillAnAssignment() throws {
        let box = try ConfigSandbox()
        try box.write("\(Self.key) = 2\n", to: Self.own)
        try box.write("-\(Self.key) = 1\n", to: "/etc/sysctl.d/99-zz.conf")
        let entry = try box.read(.sysctl, [Self.key]).entry(Self.key)
        #expect(entry.value == "1" && entry.definedIn == "/etc/sysctl.d/99-zz.conf" && entry.line == 1)
    }

    @Test func aDashKeyWithoutValueUnsetsAnEarlierAssignment() throws {
        let box = try ConfigSandbox()
        try box.write("\(Self.key) = 2\n", to: Self.own)
        try box.write("-\(Self.key)\n", to: "/etc/sysctl.d/95-exclude.conf")
        let (plan, after) = try box.converge(Self.rule)
        #expect(plan.changes.first?.address.file == "/etc/sysctl.d/95-exclude.conf", "the exclusion leaves the kernel's default 0")
        #expect(box.text("/etc/sysctl.d/95-exclude.conf") == "-\(Self.key) = 2\n")
        #expect(after.changes.isEmpty)
    }

    @Test func aPackagesFileSortingAfterHvhardensIsReportedNotEdited() throws {
        let box = try ConfigSandbox()
        let vendor = "/usr/lib/sysctl.d/99-vendor.conf"
        try box.write("kernel.sysrq = 16\n\(Self.key) = 0\n", to: vendor)
        let plan = try box.plan(Self.rule)
        #expect(plan.changes.isEmpty, "a change in 90-hvharden.conf would not take effect: \(plan.changes)")
        let finding = try #require(plan.findings.first)
        #expect(finding.message.contains("\(vendor):2"), "message: \(finding.message)")
        #expect(finding.message.contains("/etc/sysctl.d/99-vendor.conf"), "the override from /etc is named: \(finding.message)")
        // An override from /etc under the same name takes its place.
        try box.write("kernel.sysrq = 16\n\(Self.key) = 2\n", to: "/etc/sysctl.d/99-vendor.conf")
        #expect(try box.plan(Self.rule).isClean)
    }

    @Test func aPackagesFileSortingBeforeHvhardensIsOverriddenByHvhardensFile() throws {
        let box = try ConfigSandbox()
        let vendor = "/usr/lib/sysctl.d/10-vendor.conf"
        try box.write("\(Self.key) = 0\n", to: vendor)
        let (plan, after) = try box.converge(Self.rule)
        let change = try #require(plan.changes.first)
        #expect(change.address.file == Self.own)
        #expect(change.before == "0", "the vendor's value, not the kernel default")
        #expect(box.text(vendor) == "\(Self.key) = 0\n", "a package's file is never written")
        #expect(after.changes.isEmpty)
    }

    @Test func runAndLocalDirectoriesCountAndAreNotEdited() throws {
        let box = try ConfigSandbox()
        try box.write("\(Self.key) = 1\n", to: "/run/sysctl.d/99-runtime.conf")
        try box.write("\(Self.key) = 0\n", to: "/usr/local/lib/sysctl.d/50-local.conf")
        let plan = try box.plan(Self.rule)
        #expect(plan.changes.isEmpty)
        #expect(plan.findings.first?.message.contains("/run/sysctl.d/99-runtime.conf:1") == true, "\(plan.findings)")
    }

    @Test func aDevNullLinkInEtcMasksThePackagesFile() throws {
        let box = try ConfigSandbox()
        try box.write("\(Self.key) = 0\n", to: "/usr/lib/sysctl.d/99-vendor.conf")
        let unmasked = try box.read(.sysctl, [Self.key]).entry(Self.key)
        #expect(unmasked.value == "0" && unmasked.definedIn == "/usr/lib/sysctl.d/99-vendor.conf" && !unmasked.editable)
        try box.link("/etc/sysctl.d/99-vendor.conf", to: "/dev/null")
        let entry = try box.read(.sysctl, [Self.key]).entry(Self.key)
        #expect(!entry.present, "the vendor file is masked: \(entry)")
        let plan = try box.plan(Self.rule)
        #expect(plan.changes.first?.address.file == Self.own)
    }

    @Test func libLinkedToUsrLibIsReadOnce() throws {
        let box = try ConfigSandbox()
        try box.write("\(Self.key) = 3\n", to: "/usr/lib/sysctl.d/50-a.conf")
        try box.link("/lib", to: "usr/lib")
        let observed = try box.read(.sysctl, [Self.key])
        #expect(observed.entry(Self.key).definedIn == "/usr/lib/sysctl.d/50-a.conf")
        #expect(observed.fingerprints.keys.filter { $0.hasPrefix("/lib/") }.isEmpty, "\(observed.fingerprints.keys.sorted())")
    }

    @Test func anExplicitKeyBeatsAPatternWhateverTheOrder() throws {
        let box = try ConfigSandbox()
        try box.write("kernel.yama.* = 0\n", to: "/etc/sysctl.d/99-pattern.conf")
        let (plan, after) = try box.converge(Self.rule)
        let change = try #require(plan.changes.first)
        #expect(change.before == "0")
        #expect(change.address.file == Self.own, "an explicit key in hvharden's file beats the later pattern")
        #expect(after.changes.isEmpty)
    }

    @Test func debiansLinkReadsSysctlConfInNameOrder() throws {
        let box = try ConfigSandbox()
        try box.write("\(Self.key) = 1\n", to: "/etc/sysctl.conf")
        try box.link("/etc/sysctl.d/99-sysctl.conf", to: "../sysctl.conf")
        try box.write("\(Self.key) = 2\n", to: "/etc/sysctl.d/99-zz.conf")
        let entry = try box.read(.sysctl, [Self.key]).entry(Self.key)
        #expect(entry.value == "2" && entry.definedIn == "/etc/sysctl.d/99-zz.conf", "\(entry)")
        // `sysctl --system` reads /etc/sysctl.conf once more, last: the plan says so.
        let note = try #require(try box.plan(Self.rule).notes.first { $0.contains("sysctl --system") })
        #expect(note.contains("/etc/sysctl.d/99-zz.conf:1") && note.contains("/etc/sysctl.conf:1"), "\(note)")
        // Without a later file, the link's target is what counts, and it is edited in place.
        try FileManager.default.removeItem(atPath: box.root + "/etc/sysctl.d/99-zz.conf")
        let plan = try box.plan(Self.rule)
        #expect(plan.changes.first?.address.file == "/etc/sysctl.conf")
    }

    @Test func aCommentAfterTheValueCannotBeToldAndTheFixDropsIt() throws {
        let box = try ConfigSandbox()
        try box.write("\(Self.key) = 2 # hardened\n", to: "/etc/sysctl.d/95-local.conf")
        let (plan, after) = try box.converge(Self.rule)
        #expect(plan.changes.first?.address.file == "/etc/sysctl.d/95-local.conf", "systemd-sysctl writes '2 # hardened'")
        #expect(box.text("/etc/sysctl.d/95-local.conf") == "\(Self.key) = 2\n")
        #expect(after.isClean)
    }

    @Test func aDirectoryWhereAFileShouldBeIsAnErrorNamingIt() throws {
        let box = try ConfigSandbox()
        try box.makeDirectory("/etc/sysctl.d/50-odd.conf")
        #expect(throws: (any Error).self) { try box.read(.sysctl, [Self.key]) }
        do {
            _ = try box.read(.sysctl, [Self.key])
        } catch {
            #expect("\(error)".contains("/etc/sysctl.d/50-odd.conf"), "\(error)")
        }
    }
}
