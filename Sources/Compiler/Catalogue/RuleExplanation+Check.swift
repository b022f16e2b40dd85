extension RuleExplanation {
    static func describe(_ target: RuleTarget) -> String {
        switch target {
        case .domain: return "each selected domain's persistent XML definition"
        case .hostFile: return "a host configuration file, read and edited through Augeas"
        case .hostFact: return "a read-only observation of the host (/proc, /sys, /dev); never changed"
        case .hostPath: return "the mode, owner and group of host paths (files, directories, device nodes)"
        case .hostUnit: return "the systemd socket units of libvirt's daemons, as systemd loads them (unit file and drop-ins)"
        case .libvirtSecret: return "the libvirt secrets the connection lists and those defined under /etc/libvirt/secrets; never changed"
        case .manual: return "a step hvharden cannot observe; reported until a profile attests it"
        }
    }

    /// `always` or `posture platform is hosted, and bootIntegrity is required or preferred`.
    static func describe(_ condition: PostureCondition) -> String {
        let parts = [
            condition.platform.map { ("platform", $0.map(\.rawValue)) },
            condition.virtualization.map { ("virtualization", $0.map(\.rawValue)) },
            condition.bootIntegrity.map { ("bootIntegrity", $0.map(\.rawValue)) },
            condition.passthrough.map { ("passthrough mode", $0.map(\.rawValue)) },
        ].compactMap { $0 }.map { field, values in "\(field) is " + values.joined(separator: " or ") }
        return parts.isEmpty ? "always (any posture)" : "posture " + parts.joined(separator: ", and ")
    }

    /// When a fix takes effect, as the end of "Takes effect: ...".
    static func describe(_ effect: Effect) -> String {
        switch effect {
        case .immediate: return "at once"
        case .nextDomainBoot:
            return "at the domain's next start; a running guest keeps its current configuration until it is shut down and started again"
        case .daemonRestart:
            return "after libvirtd restarts; a qemu.conf setting reaches a guest's QEMU only when that guest next starts "
                + "after the restart, so running guests keep the old one until they are shut down and started again"
        case .hostReboot:
            return "after the host reboots; a kernel command line change reaches the boot loader only once `update-grub` "
                + "has regenerated /boot/grub/grub.cfg, which hvharden does not run"
        case .none: return "not at all, since the rule changes nothing"
        }
    }

    /// What the check reads and what it accepts, in words.
    static func describeCheck(_ rule: Rule) -> String {
        let value = { (ref: ValueRef) in describe(ref, of: rule) }
        switch rule.check {
        case .xmlValue(let c):
            let subject = c.attribute.map { "The attribute '\($0)' of \(c.path)" } ?? "The text of \(c.path)"
            var lines = [subject + [
                c.allowed.map { " must be \(oneOf($0, of: rule))" },
                c.forbidden.map { " must not be \(oneOf($0, of: rule))" },
            ].compactMap { $0 }.joined(separator: " and") + "."]
            if let d = c.default { lines.append("Present without it, libvirt uses '\(d)'.") }
            switch c.missing {
            case .compliant: lines.append("A domain without the element complies.")
            case .noncompliant: lines.append("A domain without the element does not comply.")
            case .notApplicable: lines.append("The rule does not apply to a domain without the element.")
            case nil: if let d = c.default { lines.append("A missing element counts as the default '\(d)'.") }
            }
            return lines.joined(separator: " ")
        case .xmlPresent(let c):
            return "The element \(c.path) must exist in the domain XML" + (c.unless.map { ", unless \($0) matches (then the rule does not apply)." } ?? ".")
        case .xmlAbsent(let c):
            return "Nothing in the domain XML may match the XPath \(c.select)"
        case .xmlCount(let c):
            return "The number of nodes of the domain XML matching the XPath \(c.select) must be at most \(value(c.max))."
        case .xmlEvery(let c):
            return "Every node matching the XPath \(c.select) must have \(c.describe), that is, satisfy \(c.require) "
                + "(a domain where nothing matches is not concerned)."
        case .evaluator(let c):
            let input = rule.target == .hostFact ? "the host facts" : "the domain definition"
            return "The built-in evaluator '\(c.name)' judges \(input), for what an XPath cannot express; "
                + "the rationale and guidance say what it looks for."
        case .configValue(let c):
            var lines = ["In \(describe(c.file)), the key \(c.key)" + [
                c.allowed.map { " must be \(oneOf($0, of: rule))" },
                c.forbidden.map { " must not be \(oneOf($0, of: rule))" },
                c.min.map { " must be at least \(value($0))" },
                c.max.map { " must be at most \(value($0))" },
                c.required == true ? " must be set" : nil,
            ].compactMap { $0 }.joined(separator: " and") + "."]
            if c.anyItem == true { lines.append("The value is a list separated by spaces: one allowed item suffices, and no item may be forbidden.") }
            if let inherit = c.inherit { lines.append("When the key is absent, the daemon uses \(inherit) if that is set.") }
            lines.append(c.default.map { "When the key is absent\(c.inherit == nil ? "" : " and so is \(c.inherit ?? "")"), the daemon uses '\($0)'." }
                ?? (c.required == true ? "When the key is absent it is unset, which does not comply."
                    : "When the key is absent it is unset, which complies only if no value is required."))
            if let vendor = c.cpuVendor { lines.append("It applies only on hosts with \(vendor) CPUs.") }
            return lines.joined(separator: " ")
        case .configList(let c):
            var lines = ["In \(describe(c.file)), the list \(c.key)" + [
                c.subsetOf.map { " may hold only \(items($0, of: rule))" },
                c.contains.map { " must hold all of \(items($0, of: rule))" },
                c.nonEmpty == true ? " must name at least one element" : nil,
            ].compactMap { $0 }.joined(separator: " and") + "."]
            lines.append("When the key is absent, the daemon uses [\(c.default.map { "'\($0)'" }.joined(separator: ", "))].")
            return lines.joined(separator: " ")
        case .kernelCmdline(let c):
            var lines = ["The kernel command line in /etc/default/grub (GRUB_CMDLINE_LINUX and GRUB_CMDLINE_LINUX_DEFAULT)"
                + [
                    c.require.isEmpty ? nil : " must carry \(c.require.joined(separator: " "))",
                    c.forbid.isEmpty ? nil : " must not carry \(c.forbid.joined(separator: " "))",
                ].compactMap { $0 }.joined(separator: " and") + "."]
            for (token, stronger) in c.alternatives.sorted(by: { $0.key < $1.key }) {
                lines.append("\(stronger.joined(separator: " or ")) also satisfies \(token); the fix does not add \(token) next to it.")
            }
            if let vendor = c.cpuVendor { lines.append("It applies only on hosts with \(vendor) CPUs.") }
            return lines.joined(separator: " ")
        case .pathMetadata(let c):
            return describePaths(c)
        case .systemdSocket(let c):
            return describeSockets(c)
        case .secretPrivate:
            return "Every secret the connection's secret driver lists, and every definition file under /etc/libvirt/secrets, "
                + "must be private (private='yes'), so that its value cannot be read back through the API."
        case .manual:
            return "Nothing to observe: the rule is reported with its guidance until a profile attests the step "
                + "under 'attestations'."
        }
    }

    /// What the automatic fix does, or that there is none.
    static func describeFix(_ rule: Rule) -> String {
        guard let fix = rule.fix else {
            return "No automatic fix: a failure is a finding; follow the guidance." + (rule.suggestion.map { " " + $0.explanation } ?? "")
        }
        let newValue = fix.value.map { describe($0, of: rule) } ?? "the required value"
        switch (fix.action, rule.check) {
        case (.set, .xmlValue(let c)):
            let subject = c.attribute.map { "the attribute '\($0)' of \(c.path)" } ?? "the text of \(c.path)"
            return "Sets \(subject) to \(newValue)\(describeInstead(fix)), creating the element if it is missing."
        case (.set, .configValue(let c)):
            return "Sets \(c.key) to \(newValue) \(whereFixed(c.file))"
        case (.set, .configList(let c)):
            return "Sets the list \(c.key) to \(newValue) \(whereFixed(c.file))"
        case (.create, _):
            return rule.check.path.map { "Creates the missing element \($0)." } ?? "Adds what is missing to the domain XML."
        case (.remove, _):
            return "Removes every node the check found."
        case (.append, _):
            return "Appends the missing tokens to GRUB_CMDLINE_LINUX and removes the forbidden ones; "
                + "run update-grub and reboot for the kernel to see them."
        case (.set, .systemdSocket(let c)):
            return "Writes SocketMode=\(c.maxSocketMode ?? "") into a drop-in: the one under /etc that decides the mode, or else "
                + "/etc/systemd/system/<unit>.d/hvharden.conf when no drop-in read after it sets the mode; run "
                + "`systemctl daemon-reload` and restart the socket for it to take effect."
        case (.set, .pathMetadata(let c)):
            return "Removes the permission bits beyond \(c.maxMode ?? "the allowed mode")"
                + (c.fixOwner == true ? " and makes \(c.owners?.first ?? "root") the owner" : "")
                + " of each path that has them (never adding a bit), with the file opened without following a link; "
                + "the other requirements are findings."
        case (.set, _):
            return "Sets the checked value to \(newValue)."
        }
    }

    /// The values a fix sets instead of its own for some current ones: "; 'a' becomes 'b'".
    static func describeInstead(_ fix: Fix) -> String {
        guard let instead = fix.instead, !instead.isEmpty else { return "" }
        return " (" + instead.sorted { $0.key < $1.key }.map { "'\($0.key)' becomes '\($0.value)'" }.joined(separator: ", ") + ")"
    }

    /// A literal as it is; a parameter reference by name with its default.
    static func describe(_ ref: ValueRef, of rule: Rule) -> String {
        switch ref {
        case .literal(let value): return value.description
        case .parameter(let name):
            if let host = HostValue(rawValue: name) { return host.explanation }
            let fallback = rule.parameter(named: name).map { " (default \($0.default))" } ?? ""
            return "the parameter '\(name)'\(fallback)"
        }
    }

    /// A list literal as it is; a parameter as "the values of the parameter 'x' (default [...])".
    private static func items(_ ref: ValueRef, of rule: Rule) -> String {
        if case .parameter = ref { return "the values of " + describe(ref, of: rule) }
        return describe(ref, of: rule)
    }

    /// "one of [...]" for a list, the value itself otherwise.
    private static func oneOf(_ ref: ValueRef, of rule: Rule) -> String {
        switch ref {
        case .literal(.list(let values)) where values.count == 1: return Value.string(values[0]).description
        case .literal(.list): return "one of " + describe(ref, of: rule)
        case .parameter(let name) where rule.parameter(named: name)?.type == .list:
            return "one of the values of " + describe(ref, of: rule)
        default: return describe(ref, of: rule)
        }
    }

    static func describePaths(_ c: PathMetadataCheck) -> String {
        let paths = c.paths.joined(separator: ", ")
        if c.absent == true { return "None of \(paths) may exist." }
        let parts = [
            c.maxMode.map { "have no permission bit beyond \($0)" },
            c.owners.map { "belong to \($0.joined(separator: " or "))" },
            c.groups.map { "have the group \($0.joined(separator: " or "))" },
        ].compactMap { $0 }
        return "Each existing path matching \(paths) (a `*` stands for one directory level) must "
            + parts.joined(separator: " and ") + "; a symbolic link is judged by the file it leads to, and a path "
            + "that does not exist complies."
    }

    static func describeSockets(_ c: SystemdSocketCheck) -> String {
        let parts = [
            c.enabled == false ? "not be enabled (a masked unit is not)" : nil,
            c.maxSocketMode.map { "have a SocketMode of at most \($0)" },
            c.unixOnly == true ? "listen on unix socket paths only (no ListenStream= port or address)" : nil,
        ].compactMap { $0 }
        return "Each installed unit of \(c.units.joined(separator: ", ")), as systemd loads it (the first unit file on the "
            + "search path /etc, /run, /usr/local/lib, /usr/lib, /lib systemd/system, then its drop-ins in name order), must "
            + parts.joined(separator: " and ") + "."
    }

    static func describe(_ file: ConfigFile) -> String {
        switch file {
        case .sysctl:
            return "the sysctl settings as systemd-sysctl applies them (the .conf files of /etc, /run, /usr/local/lib, "
                + "/usr/lib and /lib sysctl.d, a name in an earlier directory hiding it in later ones, read in name order, "
                + "then /etc/sysctl.conf unless one of them is it; the last assignment wins, 'a.b' and 'a/b' are one key, "
                + "and a key named explicitly beats a pattern)"
        case .modprobe:
            return "the options modprobe passes (every options line of the module in the .conf files of /etc, /run, "
                + "/usr/local/lib, /usr/lib and /lib modprobe.d, a name in an earlier directory hiding it in later ones, "
                + "read in name order, with '-' and '_' alike; the last value wins, and the kernel command line comes last)"
        case .qemuConf, .virtqemudConf, .virtproxydConf, .virtlogdConf:
            return "\(file.writablePath) (libvirt uses the first definition of a key set twice)"
        case .libvirtdConf:
            return "the file of each libvirt daemon that serves (\(file.writablePath), or virtqemud.conf and, for the "
                + "listener keys, virtproxyd.conf where the modular daemons' units are enabled; libvirt uses the first "
                + "definition of a key set twice)"
        case .grub:
            return "\(file.writablePath) (the shell keeps the last assignment)"
        case .systemd:
            return "systemd unit drop-ins (the last assignment in name order wins)"
        case .coredump:
            return "systemd-coredump's settings as it reads them (/etc/systemd/coredump.conf, then the .conf files of /etc, "
                + "/run, /usr/local/lib, /usr/lib and /lib systemd/coredump.conf.d, a name in an earlier directory hiding it "
                + "in later ones, read in name order; the last assignment wins, an empty one restores the default)"
        }
    }

    /// Where a config fix is written, as the Planner chooses (`ConfigFixTarget`).
    private static func whereFixed(_ file: ConfigFile) -> String {
        guard file.isMultiFile else { return "in \(file.writablePath), at every definition of the key." }
        return "at every definition in the file under /etc that decides it, or else in \(file.writablePath) when that "
            + "file would decide it; a package's or /run's file read after it is reported, not edited."
    }
}

private extension Check {
    /// The creatable path of an `xml-present` or `xml-value` check.
    var path: String? {
        switch self {
        case .xmlPresent(let c): return c.path
        case .xmlValue(let c): return c.path
        default: return nil
        }
    }
}
