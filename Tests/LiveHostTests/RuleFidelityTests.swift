import Compiler
import Foundation
import Host
import Testing
@testable import Planner
@testable import LiveHost
@testable import HostModel
import TestSupport
import LiveTestSupport
import XMLKit

/// Issue #12 §2 and §3: verdicts the catalogue examples cannot show on their own (the value a
/// fix writes, a rule's posture, libvirt refusing a definition, a file its lens rejects, a
/// setting configured but not yet effective).
@Suite struct RuleFidelityTests {
    @Test func coredumpRestartBecomesRestartNotDestroy() throws {
        let xml = GuestHarness.domain("<on_crash>coredump-restart</on_crash>")
        let (fixed, after) = try GuestHarness.fixed("domain-on-crash-no-dump", xml)
        #expect(fixed.contains("<on_crash>restart</on_crash>"), "\(fixed)")
        #expect(after == .compliant)
        let (preserve, _) = try GuestHarness.fixed("domain-on-crash-no-dump", GuestHarness.domain("<on_crash>preserve</on_crash>"))
        #expect(preserve.contains("<on_crash>destroy</on_crash>"))
    }

    @Test func swtpmUserAppliesWhateverTheBootIntegrityPosture() throws {
        let rule = try GuestHarness.rule("qemu-swtpm-user-not-root")
        for integrity in Posture.BootIntegrity.allCases {
            var posture = Posture()
            posture.bootIntegrity = integrity
            #expect(rule.appliesWhen.matches(posture), "\(integrity)")
        }
    }

    /// libvirt 9.0 refuses sgio='unfiltered' outright, which is why domain-lun-rawio-off covers
    /// SCSI hostdevs: rawio is what is left. Asked of the test driver, which validates the same way.
    @Test func libvirtRefusesUnfilteredSGIOButKeepsRawIO() throws {
        let name = "hvharden-fidelity-\(UUID().uuidString.prefix(8))"
        let hostdev = "<hostdev mode='subsystem' type='scsi' %@><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source></hostdev>"
        func define(_ attributes: String) throws -> (status: Int32, output: String) {
            let xml = "<domain type='kvm'><name>\(name)</name><memory>65536</memory><os><type arch='x86_64'>hvm</type></os><devices>"
                + String(format: hostdev, attributes) + "</devices></domain>"
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).xml")
            try xml.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            // One test-driver connection: its state lives only as long as this virsh.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/virsh")
            process.arguments = ["-c", "test:///default", "define \(file.path); dumpxml \(name)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let unfiltered = try define("sgio='unfiltered'")
        #expect(unfiltered.output.contains("unfiltered sgio is no longer supported"), "\(unfiltered.output)")
        let rawio = try define("rawio='yes'")
        #expect(rawio.status == 0 && rawio.output.contains("rawio='yes'"), "\(rawio.output)")
        let dumped = try #require(rawio.output.range(of: "<domain").map { String(rawio.output[$0.lowerBound...]) })
        let document = try XMLDocument(string: dumped)
        let context = DomainContext(name: name, document: document, parameters: [:], posture: Posture(), facts: GuestHarness.host)
        #expect(try PlanBuilder.evaluate(SelectedRule(rule: try GuestHarness.rule("domain-lun-rawio-off")), context).isNoncompliant)
    }

    @Test func aFileTheLensRejectsIsAFindingNamingFileAndLineAndStillRead() throws {
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("user = \"libvirt-qemu\"\nsecurity_driver = [ \"apparmor\", \"selinux\" ]\n", to: "/etc/libvirt/qemu.conf")
        try root.write("listen_tcp = 0\n", to: "/etc/libvirt/libvirtd.conf")
        let rules = try ["qemu-security-driver-enabled", "qemu-user-not-root", "libvirtd-listen-tcp-off"].map(GuestHarness.rule)
        let files = try ConfigReader(root: root.path).read(ConfigQuery(rules: rules))
        let qemu = try #require(files[.qemuConf])
        #expect(qemu.unparsable.count == 1)
        #expect(qemu.unparsable.first?.hasPrefix("/etc/libvirt/qemu.conf:2") == true, "\(qemu.unparsable)")
        #expect(qemu.readWithoutLens)
        #expect(qemu.entry("security_driver").items == ["apparmor", "selinux"])
        #expect(qemu.entry("user").value == "libvirt-qemu")
        #expect(files[.libvirtdConf]?.unparsable.isEmpty == true, "the other file is read through its lens")

        var builder = PlanBuilder(policy: Policy(posture: Posture(), domains: DomainSelector(), rules: rules.map { SelectedRule(rule: $0) }), today: Date())
        let facts = HostFacts(mac: MACFacts(apparmorEnabled: true, apparmorSecurityFS: true))
        try builder.evaluateHost(files: files, factContext: FactContext(facts: facts, posture: Posture(), parameters: [:], domains: []), hostScopeNote: nil)
        let plan = builder.build(state: HostState(connectURI: "test:///", root: root.path, unselectedDomains: [], files: files, facts: facts, hostScopeNote: nil), basis: Basis())
        let finding = try #require(plan.findings.first { $0.rule == PlannerRules.hostFileParses })
        #expect(finding.message.contains("/etc/libvirt/qemu.conf:2"))
        #expect(!plan.findings.contains { $0.rule == "qemu-security-driver-enabled" }, "the list is judged: AppArmor, then SELinux")
    }

    @Test func aSysctlConfiguredButNotLiveIsAPendingFindingWithoutAChange() throws {
        let rule = try GuestHarness.rule("sysctl-kptr-restrict")
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("kernel.kptr_restrict = 2\n", to: "/etc/sysctl.d/90-hvharden.conf")
        let files = try ConfigReader(root: root.path).read(ConfigQuery(rules: [rule]))
        func outcome(live: String?) throws -> Outcome {
            var facts = HostFacts()
            facts.sysctl = live.map { ["kernel.kptr_restrict": $0] } ?? [:]
            return try PlanBuilder.evaluateFile(SelectedRule(rule: rule), files: files, FactContext(facts: facts, posture: Posture(), parameters: [:], domains: []))
        }
        let pending = try #require(try outcome(live: "0").message)
        #expect(pending.contains("configured, effective at the next boot") && pending.contains("'0'"), "\(pending)")
        #expect(try outcome(live: "2") == .compliant)
        #expect(try outcome(live: nil) == .compliant)
    }

    @Test func aModuleOptionLiveButNotConfiguredStillChangesTheFileAndSaysSo() throws {
        let rule = try GuestHarness.rule("modprobe-kvm-intel-nested-off")
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("# nothing\n", to: "/etc/modprobe.d/hvharden.conf")
        let files = try ConfigReader(root: root.path).read(ConfigQuery(rules: [rule]))
        let facts = HostFacts(cpu: CPUFacts(vendor: "GenuineIntel"), kvm: KVMFacts(module: "kvm_intel", parameters: ["nested": "N"]))
        let outcome = try PlanBuilder.evaluateFile(SelectedRule(rule: rule), files: files, FactContext(facts: facts, posture: Posture(), parameters: [:], domains: []))
        let change = try #require(outcome.proposed.first)
        #expect(change.problem.contains("the running kernel has 'N', which complies only until the next boot"), "\(change.problem)")
    }

    /// The loaded module's own value, read under the root: nesting still on is said with the fix
    /// when the file is wrong too, and is a finding with nothing to change once the file is right.
    @Test func nestingStillOnInTheLoadedModuleIsReportedUntilTheModuleIsNextLoaded() throws {
        let rule = try GuestHarness.rule("modprobe-kvm-intel-nested-off")
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("vendor_id\t: GenuineIntel\n", to: "/proc/cpuinfo")
        try root.write("Y\n", to: "/sys/module/kvm_intel/parameters/nested")
        try root.write("# nothing\n", to: "/etc/modprobe.d/hvharden.conf")
        func outcome() throws -> Outcome {
            let files = try ConfigReader(root: root.path).read(ConfigQuery(rules: [rule]))
            let facts = HostFactsReader(root: root.path).read()
            return try PlanBuilder.evaluateFile(SelectedRule(rule: rule), files: files, FactContext(facts: facts, posture: Posture(), parameters: [:], domains: []))
        }
        let change = try #require(try outcome().proposed.first)
        #expect(change.problem.contains("the running kernel has 'Y' as well"), "\(change.problem)")
        #expect(change.problem.contains("hvharden does not reload modules"), "\(change.problem)")
        try root.write("options kvm_intel nested=0\n", to: "/etc/modprobe.d/hvharden.conf")
        let pending = try #require(try outcome().message)
        #expect(try outcome().proposed.isEmpty)
        #expect(pending.contains("configured '0'") && pending.contains("the running kernel has 'Y'"), "\(pending)")
        #expect(pending.contains("when the module is next loaded"), "\(pending)")
        try root.write("N\n", to: "/sys/module/kvm_intel/parameters/nested")
        #expect(try outcome() == .compliant, "after a reload the module reads N")
    }
}
