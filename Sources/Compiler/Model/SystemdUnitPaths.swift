/// Where systemd looks for system units, highest precedence first (systemd.unit(5), the
/// directories a Debian, Fedora or SUSE host uses; /lib is /usr/lib on a merged-/usr system).
public enum SystemdUnitPaths {
    /// The administrator's units and drop-ins: the only directory hvharden writes.
    public static let adminDirectory = "/etc/systemd/system"
    public static let searchPath = [
        adminDirectory, "/run/systemd/system", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system",
    ]
    /// The directories whose `*.wants/` and `*.requires/` links enable a unit.
    public static let enablementDirectories = [adminDirectory, "/run/systemd/system"]
    /// The name of hvharden's own drop-in.
    public static let ownDropIn = "hvharden.conf"

    /// The unit a drop-in path `/etc/systemd/system/<unit>.d/<name>.conf` belongs to, or nil.
    public static func unit(ofDropIn hostPath: String) -> String? {
        for directory in searchPath where hostPath.hasPrefix(directory + "/") {
            let rest = hostPath.dropFirst(directory.count + 1).split(separator: "/", omittingEmptySubsequences: false)
            guard rest.count == 2, rest[0].hasSuffix(".d"), rest[1].hasSuffix(".conf"), !rest[1].hasPrefix(".") else { return nil }
            return String(rest[0].dropLast(2))
        }
        return nil
    }

    /// hvharden's own drop-in for `unit`.
    public static func ownDropIn(for unit: String) -> String { "\(adminDirectory)/\(unit).d/\(ownDropIn)" }
}
