import Compiler
import Digests
import Foundation
import Host
import HostModel
import Planner

/// The live `StateReader`: domains through libvirt (persistent XML with INACTIVE|SECURE, live
/// XML when running), config keys through Augeas under `root`, host facts under `root`. Every
/// object is fingerprinted with the host's `FingerprintKey`.
///
/// Domains are fetched by `fetchWorkers` threads sharing the one connection. A libvirt RPC
/// mostly waits on the daemon, so several in flight keep the daemon busy on every core while the
/// Planner evaluates what has arrived.
public struct LiveStateReader: StateReader {
    public var connectURI: String
    public var root: String
    public var key: FingerprintKey
    /// Threads fetching domains over the one connection. libvirtd serves up to five calls of one
    /// client at a time (`max_client_requests`); on two cores four keep both busy
    /// (bench/README.md has the measurements).
    public var fetchWorkers: Int
    /// A connection to use instead of opening one (the Applier's verification re-plans through
    /// the connection it wrote with).
    public let connection: LibvirtConnection?
    /// A connection being opened and listed on a thread of its own (`startListing()`).
    private var listing: ParallelWork.Background<Result<DomainScan.Listed, any Error>>?
    /// The host facts being read on a thread of their own (`startListing()`).
    private var facts: ParallelWork.Background<HostFacts>?
    /// Fetches domain capabilities (over `connection`, or a connection of its own).
    private let capabilities: CapabilityFetcher

    public init(connectURI: String, root: String = "/", key: FingerprintKey, fetchWorkers: Int = 4, connection: LibvirtConnection? = nil) {
        self.connectURI = connectURI
        self.root = root
        self.key = key
        self.fetchWorkers = max(1, fetchWorkers)
        self.connection = connection
        capabilities = CapabilityFetcher(uri: connectURI, connection: connection)
    }

    /// Host-file and fact rules describe the machine at `root`. With a remote URI and the local
    /// root they would describe the wrong machine, so they are skipped with this note.
    public var hostScopeNote: String? {
        guard root == "/", let host = Self.remoteHost(connectURI) else { return nil }
        return "host-file and host-fact rules skipped: '\(connectURI)' is on host '\(host)'; pass --root with a copy of that host's root to check them"
    }

    public var hostName: String? { hostScopeNote == nil ? HostName.read(root: root) : nil }

    public func readFacts() -> HostFacts {
        if let facts { return facts.wait() }
        return hostScopeNote == nil ? HostFactsReader(root: root).read() : HostFacts(reading: EmptyFacts())
    }

    public func readFiles(_ query: ConfigQuery) throws -> [ConfigFile: ObservedFile] {
        try ConfigReader(root: root, key: key).read(query)
    }

    public func readPaths(_ query: PathQuery) -> ObservedPaths {
        PathReader(root: root, key: key).read(query)
    }

    public func readUnits(_ names: Set<String>) -> ObservedUnits {
        SystemdUnitReader(root: root, key: key).read(names)
    }

    /// Over the reader's connection, or one of its own opened for the two listing calls.
    public func readSecrets(includingFiles: Bool) -> ObservedSecrets {
        var opened: LibvirtConnection?
        defer { opened?.close() }
        let uri = connectURI
        return SecretReader(root: root).read(connection: { [connection] in
            if let connection { return connection }
            opened = try DomainScan.open(uri)
            return opened
        }, includingFiles: includingFiles)
    }

    public func readDomains(
        _ selection: DomainSelection, deliver: @escaping @Sendable (String, Result<ObservedDomain, any Error>) -> Void
    ) throws -> DomainSelection.Chosen {
        let scan = DomainScan(uri: connectURI, key: key, workers: fetchWorkers)
        if let connection {
            return try scan.run(scan.list(connection), selection: selection, deliver: deliver)
        }
        let listed = try listing?.wait().get() ?? scan.list(DomainScan.open(connectURI))
        defer { listed.connection.close() }
        return try scan.run(listed, selection: selection, deliver: deliver)
    }

    public func domainCapabilities(_ key: CapabilityKey) -> CapabilityLookup {
        capabilities.lookup(key)
    }

    /// This reader with its connection opened and its domains listed on a thread of their own,
    /// starting now, and the host facts read on another: the listing costs libvirt round trips
    /// and the facts a few Augeas loads, which can overlap other work (the profiles compiling).
    /// Without a later `readDomains`, the connection is never closed.
    public func startListing() -> LiveStateReader {
        guard connection == nil else { return self }
        var reader = self
        let unprefetched = self
        reader.facts = ParallelWork.Background { unprefetched.readFacts() }
        let scan = DomainScan(uri: connectURI, key: key, workers: fetchWorkers)
        let uri = connectURI
        reader.listing = ParallelWork.Background { Result { try scan.list(DomainScan.open(uri)) } }
        return reader
    }

    /// Fetching threads for `uri` when the command line does not say (`plan --parallelism`):
    /// over a network transport each call waits a round trip, and libvirtd serves up to
    /// `max_client_requests` (5 by default) calls of one connection at a time, so ten, on two
    /// connections (`DomainScan`); on this host four on one, which kept both cores busy best
    /// (bench/README.md).
    public static func defaultFetchWorkers(_ uri: String) -> Int {
        let scheme = URLComponents(string: uri)?.scheme ?? ""
        let transport = scheme.split(separator: "+").dropFirst().first.map(String.init)
        let networked = remoteHost(uri) != nil || ["ssh", "libssh", "libssh2", "tls", "tcp"].contains(transport ?? "")
        return networked ? 10 : 4
    }

    /// The host part of a libvirt URI when it names another machine (`qemu+ssh://h/system`).
    public static func remoteHost(_ uri: String) -> String? {
        guard let components = URLComponents(string: uri), var host = components.host, !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return ["localhost", "127.0.0.1", "::1"].contains(host) ? nil : host
    }
}

/// No facts at all: what a reader reports for a host whose /proc and /sys it cannot see.
struct EmptyFacts: FactsSource {
    var isHostRoot: Bool { false }
    func data(_ path: String) -> Data? { nil }
    func exists(_ path: String) -> Bool { false }
    func isDirectory(_ path: String) -> Bool { false }
    func children(_ path: String) -> [String] { [] }
    func linkName(_ path: String) -> String? { nil }
    func fileType(_ path: String) -> FileAttributeType? { nil }
}
