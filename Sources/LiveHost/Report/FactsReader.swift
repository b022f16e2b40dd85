import Foundation
import Host
import HostModel
import Planner

/// Reads a `FactsReport`: the host facts under `root`, then the libvirt daemon at `connectURI`
/// through a read-only connection (all it needs, and all an unprivileged user gets).
///
/// When libvirt cannot be reached the report still carries the host facts and a note, unless
/// `connectionRequired` (the user named `--connect`): then asking for that daemon and not
/// getting it is an error. A remote URI with the local root is refused, because the report
/// would describe two machines at once: the remote daemon and this host's /proc and /sys.
public struct FactsReader {
    public var connectURI: String
    public var root: String
    /// True when the URI was asked for explicitly; an unreachable daemon is then an error.
    public var connectionRequired: Bool

    public init(connectURI: String, root: String = "/", connectionRequired: Bool) {
        self.connectURI = connectURI
        self.root = root
        self.connectionRequired = connectionRequired
    }

    public func read() throws -> FactsReport {
        if root == "/", let host = HostScope.remoteHost(connectURI) {
            throw FactsError.remoteHost(uri: connectURI, host: host)
        }
        let host = HostFactsReader(root: root).read()
        var notes: [String] = []
        var libvirt: LibvirtFacts?
        do {
            libvirt = try readLibvirt()
        } catch let error as LibvirtError {
            if connectionRequired { throw FactsError.libvirt(uri: connectURI, error) }
            notes.append("libvirt at '\(connectURI)' could not be read (\(error.message)); the report has no 'libvirt' section")
        }
        return FactsReport(connectURI: connectURI, root: root, hostname: HostName.read(root: root), libvirt: libvirt, host: host, notes: notes)
    }

    private func readLibvirt() throws -> LibvirtFacts {
        let connection = try LibvirtConnection(uri: connectURI, readOnly: true)
        defer { connection.close() }
        let domains = try connection.listAllDomains()
        return LibvirtFacts(
            driver: try connection.driverType(), libvirtVersion: try connection.libvirtVersion(),
            hypervisorVersion: try connection.hypervisorVersion(), hostname: try connection.hostname(),
            domains: domains.count, activeDomains: domains.filter(\.isActive).count)
    }
}

/// Why `hvharden facts` made no report. Each case names the URI at fault.
public enum FactsError: Error, CustomStringConvertible {
    case remoteHost(uri: String, host: String)
    case libvirt(uri: String, LibvirtError)

    public var description: String {
        switch self {
        case .remoteHost(let uri, let host):
            return "'\(uri)' is on host '\(host)', but host facts are read from this machine's '/': run 'hvharden facts' "
                + "on '\(host)', or pass --root with a copy of that host's root"
        case .libvirt(let uri, let error):
            return "cannot read libvirt at '\(uri)': \(error.message)"
        }
    }
}
