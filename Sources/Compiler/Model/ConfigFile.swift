/// The host configuration files hvharden reads and edits, each through one Augeas lens.
public enum ConfigFile: String, CaseIterable, Hashable, Sendable, Codable {
    case qemuConf = "qemu.conf"
    case libvirtdConf = "libvirtd.conf"
    /// `/etc/sysctl.conf` and `/etc/sysctl.d/*.conf`; hvharden writes only its own file.
    case sysctl
    /// `/etc/modprobe.d/*.conf`; hvharden writes only its own file.
    case modprobe
    /// `/etc/default/grub`.
    case grub

    /// The file hvharden edits for this kind (absolute host path).
    public var writablePath: String {
        switch self {
        case .qemuConf: return "/etc/libvirt/qemu.conf"
        case .libvirtdConf: return "/etc/libvirt/libvirtd.conf"
        case .sysctl: return "/etc/sysctl.d/90-hvharden.conf"
        case .modprobe: return "/etc/modprobe.d/hvharden.conf"
        case .grub: return "/etc/default/grub"
        }
    }

    /// Whether several files contribute and the last definition wins (sysctl, modprobe).
    public var isMultiFile: Bool { self == .sysctl || self == .modprobe }

    /// Whether the program reading the file uses the first definition of a key set twice.
    /// libvirt's parser keeps every assignment and looks a key up from the top (qemu.conf,
    /// libvirtd.conf); /etc/default/grub is shell, where the last assignment stands.
    public var usesFirstDefinition: Bool { self == .qemuConf || self == .libvirtdConf }

    /// The program whose reading decides what a key means, for messages.
    public var reader: String {
        switch self {
        case .qemuConf, .libvirtdConf: return "libvirt"
        case .sysctl: return "systemd-sysctl"
        case .modprobe: return "modprobe"
        case .grub: return "the shell (grub-mkconfig)"
        }
    }

    /// The daemon that must restart for a change to take effect, if any.
    public var daemon: String? {
        switch self {
        case .qemuConf, .libvirtdConf: return "libvirtd"
        default: return nil
        }
    }

    /// What else a host-reboot change of this kind needs, if anything.
    public var afterRebootNote: String? {
        switch self {
        case .grub: return "regenerate the bootloader configuration (update-grub) before rebooting"
        case .modprobe: return "regenerate the initramfs (update-initramfs -u) if the module loads from it"
        case .sysctl: return "sysctl settings apply now with 'sysctl --system', or at the next boot"
        default: return nil
        }
    }
}
