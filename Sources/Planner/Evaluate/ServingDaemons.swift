import Compiler

/// Which libvirt daemons serve the host, and the rules written for libvirtd.conf restated for
/// the file of each one (`LibvirtDaemon`). libvirtd.conf's keys mean the same in virtqemud.conf
/// and virtproxyd.conf; a host with the modular daemons never reads libvirtd.conf, so judging it
/// there would report a weak daemon compliant, or a stale file weak.
public enum ServingDaemons {
    /// The daemons with an enabled unit (service or socket). When the units show none (a root
    /// without systemd's links, a daemon started by hand), libvirtd's file is the one judged, as
    /// before modular daemons existed.
    public static func of(_ units: ObservedUnits) -> Set<LibvirtDaemon> {
        let serving = Set(LibvirtDaemon.allCases.filter { daemon in daemon.units.contains { units.units[$0]?.enabled == true } })
        return serving.isEmpty ? [.libvirtd] : serving
    }

    /// Whether `rule` is a host-file rule on a file a libvirt daemon reads (libvirtd.conf, whose
    /// rules move to the serving daemons' files, or qemu.conf, whose changes take effect when the
    /// serving QEMU driver's daemon restarts).
    static func reads(_ rule: Rule) -> Bool {
        guard rule.target == .hostFile else { return false }
        switch rule.check {
        case .configValue(let c): return c.file == .libvirtdConf || c.file == .qemuConf
        case .configList(let c): return c.file == .libvirtdConf || c.file == .qemuConf
        default: return false
        }
    }

    /// The daemon that runs the QEMU driver and reads qemu.conf, for restart advice.
    public static func qemuDriver(_ serving: [String]?) -> String {
        serving?.contains(LibvirtDaemon.virtqemud.rawValue) == true && serving?.contains(LibvirtDaemon.libvirtd.rawValue) != true
            ? LibvirtDaemon.virtqemud.rawValue : LibvirtDaemon.libvirtd.rawValue
    }

    /// What the plan says when the modular daemons serve.
    static func note(_ serving: Set<LibvirtDaemon>) -> String? {
        guard serving != [.libvirtd] else { return nil }
        let names = serving.sorted().map(\.rawValue).joined(separator: ", ")
        let files = serving.sorted().map(\.configFile.writablePath).joined(separator: ", ")
        return "libvirt daemons serving (their enabled systemd units): \(names); libvirtd.conf rules are judged on \(files)"
    }

    private static func key(of rule: Rule) -> String? {
        switch rule.check {
        case .configValue(let c) where c.file == .libvirtdConf: return c.key
        case .configList(let c) where c.file == .libvirtdConf: return c.key
        default: return nil
        }
    }

    /// `selected` once per serving daemon whose file has its key, with the check and the
    /// config-key preconditions on that daemon's file; a rule not on libvirtd.conf unchanged. None
    /// when no serving daemon has the key (a network key while only virtqemud serves: nothing
    /// listens).
    static func rules(for selected: SelectedRule, serving: Set<LibvirtDaemon>) -> [SelectedRule] {
        guard let key = key(of: selected.rule) else { return [selected] }
        return LibvirtDaemon.files(for: key, serving: serving).map { file in
            var copy = selected
            copy.rule = selected.rule.onDaemonFile(file)
            return copy
        }
    }
}

extension Rule {
    /// The rule with every reference to libvirtd.conf moved to `file`.
    fileprivate func onDaemonFile(_ file: ConfigFile) -> Rule {
        var rule = self
        switch check {
        case .configValue(var c):
            c.file = file
            rule.check = .configValue(c)
        case .configList(var c):
            c.file = file
            rule.check = .configList(c)
        default: break
        }
        rule.preconditions = preconditions.map { p in
            var p = p
            if p.file == .libvirtdConf { p.file = file }
            return p
        }
        return rule
    }
}
