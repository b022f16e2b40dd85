import Compiler
import Foundation
import Host

/// Reads the live host for a policy: the selected domains through libvirt (persistent XML with
/// INACTIVE|SECURE, live XML when running), the needed config keys through Augeas under `root`,
/// and the host facts under `root`.
///
/// The three are read at the same time: the facts and the config files on threads of their own
/// while the domains are listed, and the domains' XML by `fetchWorkers` threads sharing the one
/// connection. A libvirt RPC mostly waits on the daemon, so several in flight keep the daemon
/// busy on every core. The result, and the first error (in the order a sequential read would
/// meet it), do not depend on the number of threads. To plan, `Planner.plan(policy:reader:today:)`
/// reads the same way but frees each domain's XML once it is evaluated, and
/// `startListing()` lets the listing run while the profiles compile.
public struct LiveStateReader: Sendable {
    public var connectURI: String
    public var root: String
    /// Domain names given with `--domain`; empty means every domain the profile selects.
    public var domainNames: [String]
    /// Threads fetching domains over the one connection. libvirtd serves up to five calls of one
    /// client at a time (`max_client_requests`); on two cores four keep both busy
    /// (bench/README.md has the measurements).
    public var fetchWorkers: Int

    public init(connectURI: String, root: String = "/", domainNames: [String] = [], fetchWorkers: Int = 4) {
        self.connectURI = connectURI
        self.root = root
        self.domainNames = domainNames
        self.fetchWorkers = max(1, fetchWorkers)
    }

    public func read(policy: Policy) throws -> ObservedState {
        // The host is read while the connection opens and lists (a test-driver node file is
        // parsed then).
        let host = HostReading(self, policy)
        let listed = try DomainListing.list(connectURI)
        defer { listed.connection.close() }
        return try read(policy: policy, domains: listed.domains, host: host)
    }

    public func read(policy: Policy, connection: LibvirtConnection) throws -> ObservedState {
        let host = HostReading(self, policy)
        return try read(policy: policy, domains: DomainScan.list(connection, uri: connectURI), host: host)
    }

    private func read(policy: Policy, domains all: [LibvirtDomain], host: HostReading) throws -> ObservedState {
        let scan = try DomainScan(self, policy, domains: all)
        var domains: [ObservedDomain] = []
        domains.reserveCapacity(scan.outputs.count)
        for output in scan.outputs { domains.append(try output.get()) }
        return try host.state(connectURI: connectURI, root: root, domains: domains, unselected: scan.unselected)
    }

    /// Host-file and fact rules describe the machine at `root`. With a remote URI and the local
    /// root they would describe the wrong machine, so they are skipped with this note.
    func hostScopeNote() -> String? {
        guard root == "/", let host = Self.remoteHost(connectURI) else { return nil }
        return "host-file and host-fact rules skipped: '\(connectURI)' is on host '\(host)'; pass --root with a copy of that host's root to check them"
    }

    /// The host part of a libvirt URI when it names another machine (`qemu+ssh://h/system`).
    static func remoteHost(_ uri: String) -> String? {
        guard let components = URLComponents(string: uri), var host = components.host, !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return ["localhost", "127.0.0.1", "::1"].contains(host) ? nil : host
    }
}
