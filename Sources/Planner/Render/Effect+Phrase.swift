import Compiler

extension Effect {
    /// When the change takes effect, as the end of a sentence: "on next domain boot".
    var phrase: String {
        switch self {
        case .immediate: return "immediately"
        case .nextDomainBoot: return "on next domain boot"
        case .daemonRestart: return "after daemon restart"
        case .hostReboot: return "after host reboot"
        case .none: return "no effect"
        }
    }
}

extension Change {
    /// When this change takes effect, naming the step its file needs: a qemu.conf setting
    /// reaches each guest's QEMU only when the guest next starts after the daemon restart, and a
    /// kernel command line in /etc/default/grub reaches the boot loader only through update-grub; virtlogd takes its file on a reload, which
    /// keeps the guests' logs open, where a restart would cut them.
    var effectPhrase: String {
        switch (effect, address.ref?.name) {
        case (.daemonRestart, ConfigFile.qemuConf.writablePath?): return "after daemon restart, for each guest at its next start"
        case (.hostReboot, ConfigFile.grub.writablePath?): return "after update-grub and host reboot"
        case (.daemonRestart, ConfigFile.virtlogdConf.writablePath?): return "after virtlogd is reloaded (re-executed)"
        default: return effect.phrase
        }
    }
}
