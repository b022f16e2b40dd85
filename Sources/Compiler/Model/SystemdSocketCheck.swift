/// `kind: systemd-socket` (target `host-unit`): the socket units that start a libvirt daemon,
/// judged as systemd would load them: the unit file found first on the unit search path, then
/// its drop-ins in name order. A unit that no directory has is not installed and complies.
///
/// libvirtd under socket activation (Debian's default) ignores libvirtd.conf's `listen_tcp`,
/// `listen_tls`, `listen_addr` and `unix_sock_*` keys; these units decide instead.
public struct SystemdSocketCheck: Hashable, Sendable, Codable {
    /// Unit names (`libvirtd-tcp.socket`, `virtproxyd-tcp.socket`): the monolithic daemon's and
    /// the modular daemons' units alike; each installed one is judged.
    public var units: [String]
    /// `false`: the units must not be enabled (wanted by a target through a link under
    /// /etc/systemd/system or /run/systemd/system) unless masked. Never fixed: hvharden does not
    /// disable a unit by itself.
    public var enabled: Bool?
    /// The most permissive `SocketMode=` the units may have (octal); the fix writes a drop-in
    /// setting this mode.
    public var maxSocketMode: String?
    /// Every `ListenStream=` must be an absolute path (a unix socket), never a port or an address.
    public var unixOnly: Bool?

    public init(units: [String], enabled: Bool? = nil, maxSocketMode: String? = nil, unixOnly: Bool? = nil) {
        self.units = units
        self.enabled = enabled
        self.maxSocketMode = maxSocketMode
        self.unixOnly = unixOnly
    }

    public var maxSocketModeBits: UInt32? {
        maxSocketMode.flatMap { UInt32($0, radix: 8) }.flatMap { $0 <= 0o7777 ? $0 : nil }
    }

    /// What the catalogue loader reports about this check.
    var problems: [String] {
        var out: [String] = []
        if units.isEmpty { out.append("a systemd-socket check names at least one unit") }
        for unit in units where !unit.hasSuffix(".socket") || unit.contains("/") { out.append("'\(unit)' is not a socket unit name") }
        if maxSocketMode != nil && maxSocketModeBits == nil { out.append("maxSocketMode '\(maxSocketMode ?? "")' is not an octal mode") }
        if enabled == true { out.append("a systemd-socket check can require units to be disabled (enabled: false), not enabled") }
        if enabled == nil && maxSocketMode == nil && unixOnly != true {
            out.append("a systemd-socket check names enabled, maxSocketMode or unixOnly")
        }
        return out
    }
}
