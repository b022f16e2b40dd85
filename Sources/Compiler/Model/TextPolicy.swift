/// Which characters a rule value (`rules.values`) may hold, by where the value ends up. A
/// value a lens cannot write faithfully (a `"` inside a qemu.conf string, a newline in a
/// sysctl line, `$(…)` in /etc/default/grub, which is shell) is refused when the profile is
/// validated, long before a fix would write it. `Rule.textPolicy(for:)` picks the policy from
/// the rule's check, so a new rule of an existing kind is covered without saying so.
public enum TextPolicy: Hashable, Sendable, CaseIterable {
    /// Only compared or shown (evaluators, manual steps): no control characters.
    case printable
    /// Text or an attribute of the domain XML: no control characters (XML 1.0 has none).
    case xmlText
    /// A `"…"` string in libvirt's configuration files (qemu.conf, libvirtd.conf), which have
    /// no escapes: no `"`, no backslash, no control characters, not empty.
    case libvirtQuotedString
    /// The value of a `key = value` line in sysctl.d: no control characters, no `#` or `;`
    /// (they start a comment), not empty.
    case sysctlValue
    /// One `name=value` word of an `options` line in modprobe.d: no control characters, no
    /// space, quote, backslash or `#`, not empty.
    case modprobeOption
    /// One kernel command line token inside GRUB_CMDLINE_LINUX="…" in /etc/default/grub, a
    /// shell file: nothing the shell or the command line splits or expands.
    case kernelCmdlineToken

    /// What `text` holds that this policy refuses, e.g. "a double quote", or nil when the text
    /// can be written as it is.
    public func problem(in text: String) -> String? {
        if text.isEmpty { return self == .printable || self == .xmlText ? nil : "nothing (it is empty)" }
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                return "a line break"
            }
            if String.needsEscape(scalar) { return "a control character" }
            if let name = forbidden[scalar] { return name }
        }
        return nil
    }

    /// Where a value under this policy goes, for messages: "which … cannot hold".
    public var destination: String {
        switch self {
        case .printable: return "a rule value"
        case .xmlText: return "domain XML"
        case .libvirtQuotedString: return "a quoted string in qemu.conf or libvirtd.conf"
        case .sysctlValue: return "a sysctl.d line"
        case .modprobeOption: return "a modprobe.d option"
        case .kernelCmdlineToken: return "a kernel command line token in /etc/default/grub"
        }
    }

    /// The printable characters refused, by name.
    private var forbidden: [Unicode.Scalar: String] {
        switch self {
        case .printable, .xmlText: return [:]
        case .libvirtQuotedString: return Self.names(##""\"##)
        case .sysctlValue: return Self.names("#;")
        case .modprobeOption: return Self.names(##" "'\#"##)
        case .kernelCmdlineToken: return Self.names(##" "'\$`#;&|<>(){}*?[]!~"##)
        }
    }

    private static func names(_ characters: String) -> [Unicode.Scalar: String] {
        Dictionary(uniqueKeysWithValues: characters.unicodeScalars.map { scalar in
            switch scalar {
            case " ": return (scalar, "a space")
            case "\"": return (scalar, "a double quote")
            case "'": return (scalar, "a single quote")
            case "\\": return (scalar, "a backslash")
            default: return (scalar, "'\(scalar)'")
            }
        })
    }
}

extension Rule {
    /// The policy for a parameter's values, from where the rule's check reads and its fix
    /// writes them.
    public func textPolicy(for parameter: Parameter) -> TextPolicy {
        switch check {
        case .configValue(let check): return TextPolicy(check.file)
        case .configList(let check): return TextPolicy(check.file)
        case .kernelCmdline: return .kernelCmdlineToken
        case .xmlValue, .xmlPresent, .xmlAbsent, .xmlCount, .xmlEvery: return .xmlText
        case .evaluator, .manual, .pathMetadata, .systemdSocket, .secretPrivate: return .printable
        }
    }
}

extension TextPolicy {
    /// The policy of values written to a configuration file.
    init(_ file: ConfigFile) {
        switch file {
        case .qemuConf, .libvirtdConf, .virtqemudConf, .virtproxydConf, .virtlogdConf: self = .libvirtQuotedString
        case .sysctl: self = .sysctlValue
        case .modprobe: self = .modprobeOption
        case .grub: self = .kernelCmdlineToken
        case .systemd, .coredump: self = .modprobeOption
        }
    }
}
