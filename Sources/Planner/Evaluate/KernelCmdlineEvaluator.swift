import Compiler
import HostModel

/// Checks kernel command line tokens in /etc/default/grub (`GRUB_CMDLINE_LINUX` and
/// `GRUB_CMDLINE_LINUX_DEFAULT`), compared as the kernel reads them (`KernelToken`); the fix
/// edits `GRUB_CMDLINE_LINUX`. The Shellvars lens keeps the quotes, so values are unquoted to
/// read and quoted again to write.
///
/// What grub will boot is not what runs: the running kernel's command line (`/proc/cmdline`,
/// the `boot.kernelCmdline` fact) is judged too. A file that complies while the running kernel
/// does not is a finding that a reboot (after `update-grub`) is pending, with no change; a file
/// that does not comply says when the running kernel does, since the next boot would undo it.
struct KernelCmdlineEvaluator {
    static let linux = "GRUB_CMDLINE_LINUX"
    static let linuxDefault = "GRUB_CMDLINE_LINUX_DEFAULT"
    static let keys = [linux, linuxDefault]

    let rule: Rule

    func evaluate(_ c: KernelCmdlineCheck, _ file: ObservedFile?, facts: HostFacts) throws -> Outcome {
        if let vendor = c.cpuVendor {
            let hostVendor = facts.cpu.vendor.map(Self.vendorName) ?? nil
            guard hostVendor == vendor else {
                return .notApplicable("the host CPU is not \(vendor) (\(facts.cpu.vendor ?? "unknown"))")
            }
        }
        let path = ConfigFile.grub.writablePath
        guard let file, file.fingerprints[path]?.exists ?? false else {
            let need = c.require.isEmpty ? "" : "add \(c.require.joined(separator: " "))"
            let drop = c.forbid.isEmpty ? "" : "remove \(c.forbid.joined(separator: " "))"
            return .finding("\(path) does not exist; \([need, drop].filter { !$0.isEmpty }.joined(separator: " and ")) on the kernel command line of your boot loader")
        }
        let linux = Self.tokens(file.entry(Self.linux).value)
        let linuxDefault = Self.tokens(file.entry(Self.linuxDefault).value)
        let configured = Self.judge(c, (linux + linuxDefault).map(KernelToken.init))
        let running = facts.boot.kernelCmdline.map { Self.judge(c, ModprobeName.tokens($0).map(KernelToken.init)) }
        if configured.holds {
            // What grub will boot is right; the running kernel may still be the old one.
            guard let running, !running.holds else { return .compliant }
            return .finding("\(path) gives the kernel what the rule needs, but the running kernel (/proc/cmdline) "
                + "\(running.problems): configured, effective after the next boot once `update-grub` has regenerated "
                + "/boot/grub/grub.cfg; nothing to change in \(path)")
        }
        var problem = "the kernel command line \(configured.problems)"
        if running?.holds == true {
            problem += " (the running kernel, /proc/cmdline, complies now; the next boot from this file would not)"
        }
        guard rule.fix?.action == .append else { return .finding(problem) }

        let present = configured.present
        var changes: [ProposedChange] = []
        let newLinux = linux.filter { !present.contains($0) } + configured.missing
        if newLinux != linux {
            changes.append(change(Self.linux, file.entry(Self.linux), newLinux, problem))
        }
        let newDefault = linuxDefault.filter { !present.contains($0) }
        if newDefault != linuxDefault {
            changes.append(change(Self.linuxDefault, file.entry(Self.linuxDefault), newDefault, problem))
        }
        return .changes(changes)
    }

    /// The rule's tokens against one command line: the required ones it lacks (none when a
    /// stronger alternative is there) and the forbidden ones it has, as written.
    struct Judgement {
        var missing: [String]
        var present: [String]
        var holds: Bool { missing.isEmpty && present.isEmpty }
        var problems: String {
            [missing.isEmpty ? nil : "lacks \(missing.joined(separator: " "))", present.isEmpty ? nil : "has \(present.joined(separator: " "))"]
                .compactMap { $0 }.joined(separator: " and ")
        }
    }

    /// A forbidden token that only makes room for a required one of the same parameter
    /// (`mitigations=auto` next to `mitigations=auto,nosmt`) does not count when that
    /// requirement is met by an alternative of another parameter (`nosmt`).
    static func judge(_ c: KernelCmdlineCheck, _ tokens: [KernelToken]) -> Judgement {
        var missing: [String] = []
        var satisfiedElsewhere: Set<String> = []
        for required in c.require where !tokens.gives(required) {
            let alternatives = (c.alternatives[required] ?? []).filter(tokens.gives)
            if alternatives.isEmpty { missing.append(required); continue }
            let name = KernelToken(required).name
            if alternatives.allSatisfy({ KernelToken($0).name != name }) { satisfiedElsewhere.insert(name) }
        }
        var present: [String] = []
        for forbidden in c.forbid where !satisfiedElsewhere.contains(KernelToken(forbidden).name) {
            for text in tokens.giving(forbidden) where !present.contains(text) { present.append(text) }
        }
        return Judgement(missing: missing, present: present)
    }

    private func change(_ key: String, _ entry: ConfigEntry, _ tokens: [String], _ problem: String) -> ProposedChange {
        let value = "\"" + tokens.joined(separator: " ") + "\""
        let path = ConfigFile.grub.writablePath
        return ProposedChange(
            path: key, file: path, action: entry.present ? .update : .add,
            before: entry.value ?? Redaction.absent, after: value,
            edit: FileEdit.set(key: key, value: value), problem: problem)
    }

    /// Splits a Shellvars value (`"quiet splash"`, `'quiet'`, `quiet`) into tokens.
    static func tokens(_ value: String?) -> [String] {
        guard var v = value?.trimmingWhitespace, !v.isEmpty else { return [] }
        if v.count >= 2, let q = v.first, q == "\"" || q == "'", v.last == q {
            v = String(v.dropFirst().dropLast())
        }
        return v.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    static func vendorName(_ cpuVendor: String) -> String? {
        switch cpuVendor {
        case "GenuineIntel": return "intel"
        case "AuthenticAMD": return "amd"
        default: return nil
        }
    }
}
