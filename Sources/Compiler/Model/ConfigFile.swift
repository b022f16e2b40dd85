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

    /// The daemon that must restart for a change to take effect, if any.
    public var daemon: String? {
        switch self {
        case .qemuConf, .libvirtdConf: return "libvirtd"
        default: return nil
        }
    }
}
