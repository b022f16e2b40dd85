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

/// Debian 12's untouched configuration files (the lab's sandbox root, whose qemu.conf and
/// libvirtd.conf are dpkg's pristine copies and contain only comments) read through the real
/// `ConfigReader` and planned by the real `Planner` with every host-file rule of the on-disk
/// catalogue: each rule must judge an absent key by the daemon's documented default, never as
/// "missing".
@Suite struct DebianDefaultsTests {
    /// Rules that hold on a stock Debian 12 host because the documented default already complies.
    static let compliantByDefault = [
        "qemu-security-driver-enabled", "qemu-security-default-confined", "qemu-user-not-root",
        "qemu-group-not-root", "qemu-dynamic-ownership", "qemu-remember-owner", "qemu-seccomp-sandbox",
        "qemu-mount-namespace", "qemu-cgroup-device-acl-default", "qemu-vnc-listen-local",
        "qemu-spice-listen-local", "qemu-relaxed-acs-check-off", "qemu-dump-guest-core-off",
        "qemu-max-core-zero", "qemu-log-timestamp", "qemu-stdio-handler-logd", "qemu-swtpm-user-not-root",
        "qemu-default-tls-x509-verify", "qemu-chardev-tls-x509-verify", "qemu-migrate-tls-x509-verify",
        "qemu-backup-tls-x509-verify",
        "libvirtd-listen-tcp-off", "libvirtd-auth-tcp-sasl", "libvirtd-tls-verify-client-certificate",
        "libvirtd-tls-sanity-check", "libvirtd-max-clients", "libvirtd-max-anonymous-clients",
        "libvirtd-unix-sock-group", "libvirtd-unix-sock-admin-perms", "libvirtd-auth-unix-rw",
        "libvirtd-auth-unix-ro", "libvirtd-log-outputs",
        "sysctl-unprivileged-userfaultfd", "sysctl-dmesg-restrict", "sysctl-unprivileged-bpf-disabled",
        "modprobe-kvm-intel-ept", "modprobe-kvm-amd-npt",
        "grub-mitigations-not-disabled", "grub-kvm-nx-huge-pages-not-off",
    ]

    @Test func everyHostFileRuleReadsAbsentKeysAsDefaults() throws {
        let lab = try DebianLab()
        defer { lab.remove() }
        let rules = try DebianLab.hostFileRules()
        #expect(rules.count >= 50, "expected the host-file catalogue, found \(rules.count) rules")
        // Every host-file rule, whatever its posture or opt-in, on the pristine files.
        let plan = try lab.plan(rules.map { SelectedRule(rule: $0) })
        for finding in plan.findings {
            #expect(!finding.message.contains("no safe default"), "rule '\(finding.rule)': \(finding.message)")
            #expect(!finding.message.lowercased().contains("missing"), "rule '\(finding.rule)': \(finding.message)")
            guard let rule = rules.first(where: { $0.id == finding.rule }), rule.isKeyCheck else { continue }
            #expect(finding.message.contains("unset (default"), "rule '\(finding.rule)' does not report the default: \(finding.message)")
        }
        for change in plan.changes where change.action == .add {
            #expect(change.before?.contains("(default '") == true,
                    "rule '\(change.rule)' adds \(change.address) without naming the default it replaces: \(change.before ?? "nil")")
        }
    }

    @Test func defaultPostureJudgesDebianByItsDefaults() throws {
        let lab = try DebianLab()
        defer { lab.remove() }
        let plan = try lab.plan(try DebianLab.selected(for: Posture()))

        // Socket activation ignores the socket modes in libvirtd.conf: a finding, not a change.
        let roPerms = try #require(plan.findings.first { $0.rule == "libvirtd-unix-sock-ro-perms" })
        #expect(roPerms.address.file == "/etc/libvirt/libvirtd.conf")
        #expect(roPerms.message.contains("unix_sock_ro_perms is unset (default '0777')"), "message: \(roPerms.message)")
        #expect(!plan.changes.contains { $0.rule == "libvirtd-unix-sock-ro-perms" })
        let adminPerms = plan.findings.first { $0.rule == "libvirtd-unix-sock-admin-perms" }
        #expect(adminPerms == nil, "the admin socket defaults to 0700")

        let audit = try #require(plan.changes.first { $0.rule == "libvirtd-audit-level" })
        #expect(audit.before?.contains("'1'") == true)
        #expect(audit.after == "2")

        let processName = try #require(plan.changes.first { $0.rule == "qemu-set-process-name" })
        #expect(processName.address.file == "/etc/libvirt/qemu.conf")
        #expect(processName.before?.contains("'0'") == true)

        // No sysctl or modprobe file sets these keys, so the fixes go to hvharden's own files.
        let ptrace = try #require(plan.changes.first { $0.rule == "sysctl-ptrace-scope" })
        #expect(ptrace.address == .file("/etc/sysctl.d/90-hvharden.conf", key: "kernel.yama.ptrace_scope"))
        #expect(ptrace.after == "2")
        let nested = try #require(plan.changes.first { $0.rule == "modprobe-kvm-intel-nested-off" })
        #expect(nested.address.file == "/etc/modprobe.d/hvharden.conf")
        #expect(nested.before?.contains("'1'") == true)

        // TLS switches are findings that name the default, never changes.
        let vncTLS = try #require(plan.findings.first { $0.rule == "qemu-vnc-tls" })
        #expect(vncTLS.message.contains("vnc_tls is unset (default '0')"), "message: \(vncTLS.message)")
        #expect(!plan.changes.contains { $0.rule == "qemu-vnc-tls" })
        let polkit = try #require(plan.findings.first { $0.rule == "libvirtd-access-drivers-polkit" })
        #expect(polkit.message.contains("unset (default [])"), "message: \(polkit.message)")

        // Boot integrity `preferred`: PI-1 gaps are advisory and change nothing.
        let kexec = try #require(plan.findings.first { $0.rule == "sysctl-kexec-load-disabled" })
        #expect(kexec.kind == .advisory)
        #expect(!plan.changes.contains { $0.rule.hasPrefix("grub-") || $0.rule == "sysctl-kexec-load-disabled" })

        for id in Self.compliantByDefault {
            #expect(!plan.changes.contains { $0.rule == id }, "rule '\(id)' proposes a change on Debian's defaults")
            #expect(!plan.findings.contains { $0.rule == id }, "rule '\(id)' reports a finding on Debian's defaults")
        }
        // Opt-in rules are not selected by a default posture.
        #expect(!plan.findings.contains { $0.rule == "qemu-vnc-sasl" || $0.rule == "grub-nosmt" })
    }

    @Test func applyingTheDefaultPlanConverges() throws {
        let lab = try DebianLab()
        defer { lab.remove() }
        let selected = try DebianLab.selected(for: Posture())
        let first = try lab.plan(selected)
        #expect(!first.changes.isEmpty)
        try lab.apply(first.changes)
        let second = try lab.plan(selected)
        #expect(second.changes.isEmpty, "still to change: \(second.changes.map { "\($0.rule) \($0.address)" })")
        // Findings (no automatic fix) remain as they were; the lab's running kernel still has
        // nesting on, so the module option now configured is reported as pending, not changed.
        let pending = second.findings.filter { $0.message.contains("configured, effective") }
        #expect(pending.map(\.rule) == ["modprobe-kvm-intel-nested-off"], "\(pending.map(\.message))")
        #expect(Set(second.findings.map(\.rule)).subtracting(pending.map(\.rule)) == Set(first.findings.map(\.rule)))
    }

    @Test func passthroughPostureOnIntelAsksForTheIOMMU() throws {
        let lab = try DebianLab()
        defer { lab.remove() }
        let posture = Posture(passthrough: PassthroughPolicy(mode: .pciVFIO, allowedDevices: ["8086:1572"], maxDevicesPerDomain: 1))
        let plan = try lab.plan(try DebianLab.selected(for: posture), posture: posture)
        let iommu = try #require(plan.changes.first { $0.rule == "grub-intel-iommu-on" })
        #expect(iommu.address == .file("/etc/default/grub", key: "GRUB_CMDLINE_LINUX"))
        #expect(iommu.after == "\"intel_iommu=on\"")
        #expect(!plan.findings.contains { $0.rule == "modprobe-vfio-unsafe-interrupts-off" })
    }
}

private extension Rule {
    /// Whether the rule reads a config key (whose absence must be reported as its default).
    var isKeyCheck: Bool {
        switch check {
        case .configValue, .configList: return true
        default: return false
        }
    }
}

/// A temporary copy of the lab's `etc` and `proc` (examples/lab/root), planned against in place
/// of a host, so that applying a plan never touches the repository or this machine.
private struct DebianLab {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let labRoot = repository.appendingPathComponent("examples/lab/root")

    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hvharden-debian-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for part in ["etc", "proc", "sys"] {
            try FileManager.default.copyItem(
                at: Self.labRoot.appendingPathComponent(part), to: URL(fileURLWithPath: path).appendingPathComponent(part))
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The host-file rules of the catalogue as it is on disk.
    static func hostFileRules() throws -> [Rule] {
        let dir = repository.appendingPathComponent("catalogue")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let files = try names.map { ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)) }
        return try RuleCatalogue(files: files).rules.filter { $0.target == .hostFile }
    }

    /// The host-file rules a profile with only this posture selects, as the compiler does:
    /// no opt-in rules, only matching conditions, PI-1 advisory while boot integrity is preferred.
    static func selected(for posture: Posture) throws -> [SelectedRule] {
        try hostFileRules().filter { !$0.optIn && $0.appliesWhen.matches(posture) }.map { rule in
            let advisory = rule.references.topic == TopicKey.platformIntegrity && posture.bootIntegrity == .preferred
            return SelectedRule(rule: rule, enforcement: advisory ? .advisory : .enforce)
        }
    }

    func plan(_ rules: [SelectedRule], posture: Posture = Posture()) throws -> Plan {
        let policy = Policy(posture: posture, domains: DomainSelector(), rules: rules)
        let files = try ConfigReader(root: path).read(ConfigQuery(policy: policy))
        let state = ObservedState(
            connectURI: "test:///default", root: path, domains: [], files: files,
            facts: HostFactsReader(root: path).read())
        return try Planner.plan(policy: policy, reader: state)
    }

    /// Applies config changes through the file store, as the Applier does.
    func apply(_ changes: [Change]) throws {
        try ConfigFileWriter.write(changes, root: path)
    }
}
