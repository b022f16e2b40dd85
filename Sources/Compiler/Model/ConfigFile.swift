/// The host configuration files hvharden reads and edits, each through one Augeas lens.
public enum ConfigFile: String, CaseIterable, Hashable, Sendable, Codable {
    case qemuConf = "qemu.conf"
    case libvirtdConf = "libvirtd.conf"
    /// The modular daemons' own files (`LibvirtDaemon`): the QEMU driver's daemon and the proxy
    /// that serves remote and legacy clients. Rules written for libvirtd.conf are judged on the
    /// file of each daemon that serves; the same lens family reads them.
    case virtqemudConf = "virtqemud.conf"
    case virtproxydConf = "virtproxyd.conf"
    /// virtlogd's own file: it holds the QEMU console and log pipes of every guest, in both the
    /// monolithic and the modular layout.
    case virtlogdConf = "virtlogd.conf"
    /// The sysctl.d directories and `/etc/sysctl.conf`; hvharden writes its own file, or edits
    /// the file under /etc that decides a key.
    case sysctl
    /// systemd-coredump's `/etc/systemd/coredump.conf` and its `coredump.conf.d` drop-ins (keys
    /// `Section/Name`, as the Systemd lens shows them); hvharden writes its own drop-in, or edits
    /// the file under /etc that decides a key.
    case coredump
    /// The modprobe.d directories; hvharden writes its own file, or edits the file under /etc
    /// that decides an option.
    case modprobe
    /// `/etc/default/grub`.
    case grub
    /// Drop-ins of systemd units (`/etc/systemd/system/<unit>.d/*.conf`) through the Systemd
    /// lens; hvharden writes `hvharden.conf` there, or edits the drop-in under /etc that decides.
    case systemd

    /// The file hvharden edits for this kind (absolute host path).
    public var writablePath: String {
        switch self {
        case .qemuConf: return "/etc/libvirt/qemu.conf"
        case .libvirtdConf: return "/etc/libvirt/libvirtd.conf"
        case .virtqemudConf: return "/etc/libvirt/virtqemud.conf"
        case .virtproxydConf: return "/etc/libvirt/virtproxyd.conf"
        case .virtlogdConf: return "/etc/libvirt/virtlogd.conf"
        case .sysctl: return "/etc/sysctl.d/90-hvharden.conf"
        case .coredump: return "/etc/systemd/coredump.conf.d/90-hvharden.conf"
        case .modprobe: return "/etc/modprobe.d/hvharden.conf"
        case .grub: return "/etc/default/grub"
        case .systemd: return SystemdUnitPaths.adminDirectory
        }
    }

    /// Whether several files contribute (sysctl, modprobe): drop-in directories merged by file
    /// name, read in name order, a later assignment overriding an earlier one.
    public var isMultiFile: Bool { self == .sysctl || self == .modprobe || self == .coredump }

    /// The drop-in directories of a multi-file kind, highest precedence first: a file in an
    /// earlier directory hides a file of the same name in a later one (systemd's sysctl.d(5);
    /// kmod's modprobe.d(5), which reads /usr/lib/modprobe.d since kmod 32 and /lib/modprobe.d,
    /// the same directory on a merged-/usr system such as Debian 12, always).
    public var dropInDirectories: [String] {
        switch self {
        case .sysctl: return ["/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d", "/lib/sysctl.d"]
        case .modprobe:
            return ["/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d", "/usr/lib/modprobe.d", "/lib/modprobe.d"]
        case .coredump:
            return ["/etc/systemd/coredump.conf.d", "/run/systemd/coredump.conf.d", "/usr/local/lib/systemd/coredump.conf.d",
                    "/usr/lib/systemd/coredump.conf.d", "/lib/systemd/coredump.conf.d"]
        default: return []
        }
    }

    /// The name endings a drop-in file must have to be read (kmod also reads `*.alias`).
    public var dropInSuffixes: [String] {
        switch self {
        case .sysctl, .coredump: return [".conf"]
        case .modprobe: return [".conf", ".alias"]
        default: return []
        }
    }

    /// A file read after every drop-in file, unless a drop-in file already is it (Debian's
    /// /etc/sysctl.d/99-sysctl.conf links to it): `sysctl --system` reads /etc/sysctl.conf last.
    public var trailingFile: String? { self == .sysctl ? "/etc/sysctl.conf" : nil }

    /// A file read before every drop-in file: systemd's main configuration file, which every
    /// drop-in overrides (systemd.syntax(7), coredump.conf(5)).
    public var leadingFile: String? { self == .coredump ? "/etc/systemd/coredump.conf" : nil }

    /// Whether the program reading the file uses the first definition of a key set twice.
    /// libvirt's parser keeps every assignment and looks a key up from the top (qemu.conf,
    /// libvirtd.conf); /etc/default/grub is shell, where the last assignment stands.
    public var usesFirstDefinition: Bool { self == .qemuConf || self == .virtlogdConf || isLibvirtDaemonConf }

    /// A libvirt daemon's own config file (libvirtd.conf or a modular daemon's), all in libvirt's
    /// syntax and read through the lens generated from one template.
    public var isLibvirtDaemonConf: Bool { LibvirtDaemon.allCases.contains { $0.configFile == self } }

    /// The program whose reading decides what a key means, for messages.
    public var reader: String {
        switch self {
        case .qemuConf, .libvirtdConf, .virtqemudConf, .virtproxydConf, .virtlogdConf: return "libvirt"
        case .sysctl: return "systemd-sysctl"
        case .coredump: return "systemd-coredump"
        case .modprobe: return "modprobe"
        case .grub: return "the shell (grub-mkconfig)"
        case .systemd: return "systemd"
        }
    }

    /// The daemon that must restart for a change to take effect, if any.
    public var daemon: String? {
        switch self {
        case .qemuConf, .libvirtdConf: return "libvirtd"
        case .virtqemudConf: return "virtqemud"
        case .virtproxydConf: return "virtproxyd"
        default: return nil
        }
    }

    /// How a daemon-restart change of a kind without a restartable daemon takes effect: virtlogd
    /// holds the log pipes of every running guest, so it is reloaded (it re-executes itself and
    /// keeps them open), never restarted.
    public var reloadNote: String? {
        switch self {
        case .virtlogdConf:
            return "virtlogd.conf changes apply after 'systemctl reload virtlogd' (virtlogd re-executes itself and keeps "
                + "the guests' logs open); do not restart virtlogd while guests run, which cuts their logs"
        default: return nil
        }
    }

    /// What else a host-reboot change of this kind needs, if anything.
    public var afterRebootNote: String? {
        switch self {
        case .grub: return "regenerate the bootloader configuration (update-grub) before rebooting"
        case .modprobe: return "regenerate the initramfs (update-initramfs -u) if the module loads from it"
        case .sysctl: return "sysctl settings apply now with 'sysctl --system', or at the next boot"
        case .systemd: return "socket unit changes apply after 'systemctl daemon-reload' and a restart of the socket and its daemon"
        default: return nil
        }
    }
}
