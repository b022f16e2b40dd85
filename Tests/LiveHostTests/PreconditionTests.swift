import Compiler
import Foundation
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
import TestSupport

/// Fix preconditions (#12 §1): each reported unsafe fix is withheld, with a finding naming the
/// precondition, exactly where the host or domain does not show it safe, and still proposed where
/// it does.
@Suite struct PreconditionTests {
    static let x86KVM = HostFacts(cpu: CPUFacts(architecture: "x86_64"), kvm: KVMFacts(devKVM: true))

    /// Evaluates a host-file rule on one file text, as the examples test does.
    static func file(_ id: String, _ text: String, facts: HostFacts = HostFacts(), domains: [String] = []) throws -> Outcome {
        let rule = try GuestHarness.rule(id)
        var example = RuleExample(file: text)
        example.facts = try JSONDecoder().decode(JSONValue.self, from: try HostFacts.makeJSONEncoder().encode(facts))
        example.xml = domains.first
        return try ExampleRunner(rule: rule).run(example).before
    }

    static func message(_ outcome: Outcome) -> String? {
        if case .finding(let m) = outcome { return m }
        return nil
    }

    static func changes(_ outcome: Outcome) -> [ProposedChange] {
        if case .changes(let c) = outcome { return c }
        return []
    }

    // MARK: qemu-security-driver-enabled

    @Test func securityDriverFollowsTheEnforcingMAC() throws {
        let apparmor = HostFacts(mac: MACFacts(apparmorEnabled: true, apparmorSecurityFS: true))
        let selinux = HostFacts(mac: MACFacts(selinuxEnforcing: true))
        #expect(Self.changes(try Self.file("qemu-security-driver-enabled", "security_driver = \"none\"\n", facts: apparmor)).map(\.after) == ["apparmor"])
        #expect(Self.changes(try Self.file("qemu-security-driver-enabled", "security_driver = \"none\"\n", facts: selinux)).map(\.after) == ["selinux"])
    }

    @Test func securityDriverWithoutAnEnforcingMACIsAFindingEvenWhenAbsent() throws {
        for text in ["security_driver = \"none\"\n", "# security_driver = \"selinux\"\n", "security_driver = \"apparmor\"\n"] {
            let outcome = try Self.file("qemu-security-driver-enabled", text)
            let message = try #require(Self.message(outcome), "\(text): \(outcome)")
            #expect(message.contains("precondition 'mac-enforcing' does not hold"))
            #expect(message.contains("enable AppArmor"))
        }
    }

    // MARK: domain-type-kvm, domain-vmport-off, domain-machine-q35

    static let aarch64TCG = "<domain type='qemu'><name>a</name><memory>65536</memory><os><type arch='aarch64' machine='virt'>hvm</type></os></domain>"
    static let x86TCG = "<domain type='qemu'><name>a</name><memory>65536</memory><os><type arch='x86_64'>hvm</type></os></domain>"

    @Test func typeKVMIsProposedOnlyForAGuestKVMCanRun() throws {
        #expect(Self.changes(try GuestHarness.evaluate("domain-type-kvm", Self.x86TCG, facts: Self.x86KVM)).map(\.after) == ["kvm"])
        let foreign = try #require(Self.message(try GuestHarness.evaluate("domain-type-kvm", Self.aarch64TCG, facts: Self.x86KVM)))
        #expect(foreign.contains("'guest-arch-is-host'") && foreign.contains("'aarch64'") && foreign.contains("'x86_64'"))
        var noKVM = Self.x86KVM
        noKVM.kvm.devKVM = false
        let missing = try #require(Self.message(try GuestHarness.evaluate("domain-type-kvm", Self.x86TCG, facts: noKVM)))
        #expect(missing.contains("'kvm-device'") && missing.contains("/dev/kvm does not exist"))
    }

    @Test func x86OnlyRulesDoNotApplyToOtherGuests() throws {
        let arm = "<domain type='kvm'><name>a</name><memory>65536</memory><os><type arch='aarch64' machine='virt-7.2'>hvm</type></os><features><acpi/></features></domain>"
        for id in ["domain-vmport-off", "domain-machine-q35"] {
            let outcome = try GuestHarness.evaluate(id, arm, facts: Self.x86KVM)
            guard case .notApplicable(let why) = outcome else { Issue.record("\(id): \(outcome)"); continue }
            #expect(why.contains("aarch64"))
        }
        // No arch attribute: the host's, here x86_64, so vmport is still fixed.
        let plain = "<domain type='kvm'><name>a</name><memory>65536</memory><os><type>hvm</type></os></domain>"
        #expect(!Self.changes(try GuestHarness.evaluate("domain-vmport-off", plain, facts: Self.x86KVM)).isEmpty)
    }

    // MARK: domain-memballoon-none

    @Test func balloonStaysForAGuestBootedBelowItsMaximum() throws {
        let partial = "<domain type='kvm'><name>a</name><memory unit='GiB'>4</memory><currentMemory unit='GiB'>2</currentMemory><os><type arch='x86_64'>hvm</type></os><devices><memballoon model='virtio'/></devices></domain>"
        let message = try #require(Self.message(try GuestHarness.evaluate("domain-memballoon-none", partial)))
        #expect(message.contains("'guest-full-memory'") && message.contains("currentMemory is '2 GiB'"))
        let reporting = "<domain type='kvm'><name>a</name><memory>65536</memory><os><type arch='x86_64'>hvm</type></os><devices><memballoon model='virtio' freePageReporting='on'/></devices></domain>"
        #expect(Self.message(try GuestHarness.evaluate("domain-memballoon-none", reporting))?.contains("freePageReporting") == true)
        let full = "<domain type='kvm'><name>a</name><memory unit='GiB'>2</memory><currentMemory unit='MiB'>2048</currentMemory><os><type arch='x86_64'>hvm</type></os><devices><memballoon model='virtio'/></devices></domain>"
        #expect(!Self.changes(try GuestHarness.evaluate("domain-memballoon-none", full)).isEmpty)
    }

    // MARK: libvirtd-auth-unix-rw

    @Test func polkitIsNotForcedOnACustomSocketGroup() throws {
        let custom = try #require(Self.message(try Self.file("libvirtd-auth-unix-rw", "unix_sock_group = \"kvmadmins\"\nauth_unix_rw = \"none\"\n")))
        #expect(custom.contains("unix_sock_group is 'kvmadmins'") && custom.contains("polkit rule"))
        #expect(Self.changes(try Self.file("libvirtd-auth-unix-rw", "unix_sock_group = \"root\"\nauth_unix_rw = \"none\"\n")).map(\.after) == ["polkit"])
        #expect(try Self.file("libvirtd-auth-unix-rw", "unix_sock_group = \"kvmadmins\"\n") == .compliant)
    }

    // MARK: grub-lockdown-integrity, grub-module-sig-enforce

    static let grub = "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"\"\n"

    static func moduleHost(_ modules: ModuleFacts, sigEnforce: Bool? = false) -> HostFacts {
        HostFacts(boot: BootFacts(moduleSigEnforce: sigEnforce, kernelRelease: "6.1.0-18-amd64"), modules: modules)
    }

    @Test func lockdownWaitsForSignedModules() throws {
        for id in ["grub-lockdown-integrity", "grub-module-sig-enforce"] {
            let clean = try Self.file(id, Self.grub, facts: Self.moduleHost(ModuleFacts(listed: true)))
            #expect(!Self.changes(clean).isEmpty, "\(id): \(clean)")
            let dkms = ModuleFacts(listed: true, outOfTree: ["zfs"], unsigned: ["zfs"])
            let message = try #require(Self.message(try Self.file(id, Self.grub, facts: Self.moduleHost(dkms))), "\(id)")
            #expect(message.contains("'signed-out-of-tree-modules'") && message.contains("loaded unsigned: zfs"))
            let unchecked = try #require(Self.message(try Self.file(id, Self.grub, facts: Self.moduleHost(ModuleFacts(listed: true, outOfTree: ["nvidia"]), sigEnforce: nil))))
            #expect(unchecked.contains("does not check signatures: nvidia"))
            let installed = ModuleFacts(listed: true, installed: [InstalledModule(path: "/lib/modules/x/updates/dkms/spl.ko.zst", signed: nil)])
            #expect(Self.message(try Self.file(id, Self.grub, facts: Self.moduleHost(installed)))?.contains("spl.ko.zst (compressed)") == true)
            #expect(Self.message(try Self.file(id, Self.grub))?.contains("/proc/modules") == true, "unknown modules are not evidence")
        }
    }

    @Test func confidentialityLockdownSatisfiesIntegrity() throws {
        let text = "GRUB_CMDLINE_LINUX=\"lockdown=confidentiality\"\n"
        #expect(try Self.file("grub-lockdown-integrity", text, facts: Self.moduleHost(ModuleFacts(listed: true))) == .compliant)
    }

    // MARK: domain-vtpm

    @Test func vtpmNeedsSwtpm() throws {
        let xml = "<domain type='kvm'><name>a</name><memory>65536</memory><os><type arch='x86_64' machine='q35'>hvm</type></os><devices/></domain>"
        let message = try #require(Self.message(try GuestHarness.evaluate("domain-vtpm", xml, facts: HostFacts())))
        #expect(message.contains("'swtpm-installed'") && message.contains("swtpm and swtpm_setup not found"))
        let installed = HostFacts(software: SoftwareFacts(swtpm: "/usr/bin/swtpm", swtpmSetup: "/usr/bin/swtpm_setup"))
        #expect(!Self.changes(try GuestHarness.evaluate("domain-vtpm", xml, facts: installed)).isEmpty)
    }

    // MARK: qemu-max-processes

    @Test func maxProcessesIsAFindingWithAComputedSuggestion() throws {
        let small = "<domain type='kvm'><name>a</name><memory>65536</memory><vcpu>8</vcpu><os><type>hvm</type></os></domain>"
        let message = try #require(Self.message(try Self.file("qemu-max-processes", "#max_processes = 0\n", domains: [small])))
        #expect(message.contains("suggested max_processes = 1024 (1 domains with 8 vCPUs"))
        let summaries = (0..<40).map { DomainSummary(name: "g\($0)", memoryBytes: nil, vcpus: 16) }
        let context = FactContext(facts: HostFacts(), posture: Posture(), parameters: [:], summaries: summaries)
        #expect(SuggestionCalculator.threadBudget(context).0 == 7168, "2 × (40 × 16 vCPUs + 40 × 64) = 6400, rounded up")
        let empty = FactContext(facts: HostFacts(cpu: CPUFacts(logicalCPUs: 48)), posture: Posture(), parameters: [:], summaries: [])
        #expect(SuggestionCalculator.threadBudget(empty).0 == 7168, "2 × 48 × (1 + 64) = 6240, rounded up")
        #expect(try GuestHarness.rule("qemu-max-processes").fix == nil)
    }
}
