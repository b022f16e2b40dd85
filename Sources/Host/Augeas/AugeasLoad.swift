/// What an `AugeasTree` loads: one lens applied to the files its include globs match.
///
/// Each load becomes `/augeas/load/<name>/lens` and `/augeas/load/<name>/incl[n]`. Globs are
/// absolute host paths; Augeas resolves them under the tree's root. A glob also decides where new
/// files may be created: setting `/files/etc/sysctl.d/90-x.conf/key` and saving creates that file
/// only if some load's glob matches its path.
public struct AugeasLoad: Sendable, Hashable {
    /// The label under `/augeas/load`: letters, digits, `_` and `-` only.
    public let name: String
    /// The lens, e.g. `Libvirtd_qemu.lns` (module name with a capital, then `.lns`).
    public let lens: String
    /// Absolute glob patterns of the files the lens handles.
    public let includes: [String]

    public init(name: String, lens: String, includes: [String]) {
        self.name = name
        self.lens = lens
        self.includes = includes
    }

    /// `/etc/libvirt/qemu.conf` through libvirt's own lens (shipped by the libvirt packages in
    /// `/usr/share/augeas/lenses`). The lens is an allow-list: an unknown key fails the whole file.
    public static let qemuConf = AugeasLoad(
        name: "Libvirtd_qemu", lens: "Libvirtd_qemu.lns", includes: ["/etc/libvirt/qemu.conf"])

    /// `/etc/libvirt/libvirtd.conf` through libvirt's own lens (also an allow-list).
    public static let libvirtdConf = AugeasLoad(
        name: "Libvirtd", lens: "Libvirtd.lns", includes: ["/etc/libvirt/libvirtd.conf"])

    /// The modular daemons' files (`/etc/libvirt/virtqemud.conf`, `virtproxyd.conf`) through the
    /// same lens: libvirt makes every daemon's file from one template, libvirtd's with every key,
    /// and not every distribution ships a lens of its own for each modular daemon (Debian 12 has
    /// none).
    public static let virtqemudConf = AugeasLoad(
        name: "Virtqemud", lens: "Libvirtd.lns", includes: ["/etc/libvirt/virtqemud.conf"])
    public static let virtproxydConf = AugeasLoad(
        name: "Virtproxyd", lens: "Libvirtd.lns", includes: ["/etc/libvirt/virtproxyd.conf"])

    /// `/etc/libvirt/virtlogd.conf` through the lens libvirt ships for it.
    public static let virtlogdConf = AugeasLoad(
        name: "Virtlogd", lens: "Virtlogd.lns", includes: ["/etc/libvirt/virtlogd.conf"])

    /// `/etc/sysctl.conf` and `/etc/sysctl.d/*.conf`.
    public static let sysctl = AugeasLoad(
        name: "Sysctl", lens: "Sysctl.lns", includes: ["/etc/sysctl.conf", "/etc/sysctl.d/*.conf"])

    /// `/etc/modprobe.d/*.conf`.
    public static let modprobe = AugeasLoad(
        name: "Modprobe", lens: "Modprobe.lns", includes: ["/etc/modprobe.d/*.conf"])

    /// systemd-coredump's main file and drop-ins, through the Systemd lens (sections as nodes,
    /// each setting's value in a `value` child).
    public static let coredump = AugeasLoad(
        name: "Coredump", lens: "Systemd.lns",
        includes: ["/etc/systemd/coredump.conf", "/etc/systemd/coredump.conf.d/*.conf"])

    /// Drop-ins of systemd units under /etc (the only ones hvharden writes).
    public static let systemdDropIns = AugeasLoad(
        name: "Systemd", lens: "Systemd.lns", includes: ["/etc/systemd/system/*.d/*.conf"])

    /// `/etc/default/grub` through the generic shell-variables lens. Values keep their quotes:
    /// `GRUB_CMDLINE_LINUX` reads as `"quiet"` including the double quotes.
    public static let grubDefault = AugeasLoad(
        name: "GrubDefault", lens: "Shellvars.lns", includes: ["/etc/default/grub"])
}
