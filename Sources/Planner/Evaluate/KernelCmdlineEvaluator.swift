import Compiler
import HostModel

/// Checks kernel command line tokens in /etc/default/grub (`GRUB_CMDLINE_LINUX` and
/// `GRUB_CMDLINE_LINUX_DEFAULT`); the fix edits `GRUB_CMDLINE_LINUX`. The Shellvars lens keeps
/// the quotes, so values are unquoted to read and quoted again to write.
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
        let all = linux + linuxDefault
        let missing = c.require.filter { token in
            !all.contains(token) && !(c.alternatives[token] ?? []).contains(where: all.contains)
        }
        let present = c.forbid.filter { all.contains($0) }
        if missing.isEmpty && present.isEmpty { return .compliant }

        var problems: [String] = []
        if !missing.isEmpty { problems.append("lacks \(missing.joined(separator: " "))") }
        if !present.isEmpty { problems.append("has \(present.joined(separator: " "))") }
        let problem = "the kernel command line \(problems.joined(separator: " and "))"
        guard rule.fix?.action == .append else { return .finding(problem) }

        var changes: [ProposedChange] = []
        let newLinux = linux.filter { !present.contains($0) } + missing
        if newLinux != linux {
            changes.append(change(Self.linux, file.entry(Self.linux), newLinux, problem))
        }
        let newDefault = linuxDefault.filter { !present.contains($0) }
        if newDefault != linuxDefault {
            changes.append(change(Self.linuxDefault, file.entry(Self.linuxDefault), newDefault, problem))
        }
        return .changes(changes)
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
