/// The libvirt daemons that read a libvirtd.conf-style file. The monolithic libvirtd serves
/// everything; with the modular daemons (the default on RHEL 9, Fedora, Debian 13, Ubuntu 24.04)
/// virtqemud serves local clients of the QEMU driver and virtproxyd serves remote clients (TCP,
/// TLS) and those that still open libvirtd's socket. Their files come from one template: the
/// daemons that listen on the network (libvirtd, virtproxyd) have the network keys, the others not.
public enum LibvirtDaemon: String, CaseIterable, Hashable, Sendable, Comparable {
    case libvirtd, virtqemud, virtproxyd

    public var configFile: ConfigFile {
        switch self {
        case .libvirtd: return .libvirtdConf
        case .virtqemud: return .virtqemudConf
        case .virtproxyd: return .virtproxydConf
        }
    }

    /// The units whose enablement shows the daemon is in use (started by socket activation or
    /// as a plain service).
    public var units: [String] {
        switch self {
        case .libvirtd:
            return ["libvirtd.service", "libvirtd.socket", "libvirtd-ro.socket", "libvirtd-admin.socket",
                    "libvirtd-tls.socket", "libvirtd-tcp.socket"]
        case .virtqemud: return ["virtqemud.service", "virtqemud.socket", "virtqemud-ro.socket", "virtqemud-admin.socket"]
        case .virtproxyd:
            return ["virtproxyd.service", "virtproxyd.socket", "virtproxyd-ro.socket", "virtproxyd-admin.socket",
                    "virtproxyd-tls.socket", "virtproxyd-tcp.socket"]
        }
    }

    public static var allUnits: [String] { allCases.flatMap(\.units) }

    /// Whether the daemon listens on the network, and so reads the network keys.
    public var listensOnNetwork: Bool { self != .virtqemud }

    /// The keys only the network-listening daemons have (the listener, TCP and TLS settings).
    public static let networkKeys: Set<String> = [
        "listen_tls", "listen_tcp", "tls_port", "tcp_port", "listen_addr", "auth_tcp", "auth_tls", "tcp_min_ssf",
        "key_file", "cert_file", "key_files", "cert_files", "ca_file", "crl_file", "tls_no_verify_certificate",
        "tls_no_sanity_certificate", "tls_allowed_dn_list", "tls_priority",
    ]

    /// The socket unit suffix that stands for a listener key (`listen_tls` → `tls`); nil for
    /// other keys.
    public static func listenerSocket(_ key: String) -> String? {
        switch key {
        case "listen_tls": return "tls"
        case "listen_tcp": return "tcp"
        default: return nil
        }
    }

    /// The daemon that reads `file`.
    public static func reading(_ file: ConfigFile) -> LibvirtDaemon? { allCases.first { $0.configFile == file } }

    /// Whether the daemon's file has `key`.
    public func reads(_ key: String) -> Bool { listensOnNetwork || !Self.networkKeys.contains(key) }

    /// The files a rule written for libvirtd.conf's `key` is judged on, for the daemons that
    /// serve, in daemon order.
    public static func files(for key: String, serving: Set<LibvirtDaemon>) -> [ConfigFile] {
        serving.sorted().filter { $0.reads(key) }.map(\.configFile)
    }

    public static func < (a: LibvirtDaemon, b: LibvirtDaemon) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
