import Digests
import Host
import HostModel
import Planner

/// Lists a connection's domains, chooses the selected ones and fetches each one's definitions on
/// `workers` threads, handing each to the Planner as it arrives: while one thread turns a reply
/// into a string, the others wait on the daemon.
///
/// libvirtd serves at most `max_client_requests` (5 by default) calls of one connection at a
/// time, so with more workers than that the fetches are spread over one more connection per five
/// workers, each opened and listed once (`extraConnections`); otherwise all share one.
struct DomainScan {
    let uri: String
    let key: FingerprintKey
    let workers: Int
    /// Calls one connection has in flight at most, libvirtd's default `max_client_requests`.
    static let callsPerConnection = 5

    /// Connections besides the listing one that `workers` threads use.
    var extraConnections: Int { (workers - 1) / Self.callsPerConnection }

    /// Opens a connection to `uri`; a failure names the URI.
    static func open(_ uri: String) throws -> LibvirtConnection {
        if let problem = ConnectionURI.problem(uri) { throw PlanError.connection(uri: uri, reason: problem) }
        do {
            return try LibvirtConnection(uri: uri)
        } catch let error as LibvirtError {
            throw PlanError.connection(uri: uri, reason: error.message + ConnectionURI.hint(uri))
        }
    }

    /// An open connection and every domain it listed.
    struct Listed: @unchecked Sendable {
        // Handed from the listing thread to the reading one, never used by both at once.
        let connection: LibvirtConnection
        let domains: [LibvirtDomain]
    }

    /// Every domain `connection` knows; a failure names the URI.
    func list(_ connection: LibvirtConnection) throws -> Listed {
        do {
            return Listed(connection: connection, domains: try connection.listAllDomains())
        } catch let error as LibvirtError {
            throw PlanError.connection(uri: uri, reason: error.message)
        }
    }

    func run(
        _ listed: Listed, selection: DomainSelection,
        deliver: @escaping @Sendable (String, Result<ObservedDomain, any Error>) -> Void
    ) throws -> DomainSelection.Chosen {
        let all = listed.domains
        let chosen = try selection.choose(from: all.map(\.name), uri: uri)
        let wanted = Set(chosen.selected)
        let key = self.key
        // Fetched in name order, the order the plan lists them in: domains then finish nearly
        // in order, and sorting the merged items has little to move.
        let selected = all.filter { wanted.contains($0.name) }.sorted { $0.name < $1.name }
        let extra = extraConnections > 0 && selected.count > Self.callsPerConnection ? openExtra(extraConnections) : []
        defer { for other in extra { other.connection.close() } }
        ParallelWork.forEach(Self.spread(selected, over: extra), workers: workers) { domain in
            deliver(domain.name, Self.fetch(domain, key: key))
        }
        return chosen
    }

    /// The other connections' listings, by name; a connection that cannot be opened or listed
    /// is left out (its share stays on the listing connection).
    private func openExtra(_ count: Int) -> [(connection: LibvirtConnection, byName: [String: LibvirtDomain])] {
        (0..<count).compactMap { _ in
            guard let connection = try? LibvirtConnection(uri: uri), let domains = try? connection.listAllDomains() else { return nil }
            return (connection, Dictionary(domains.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// `selected` with every (k+1)-th domain's handle taken from the k-th extra connection, when
    /// that connection listed the same domain (same UUID); the others keep the listing's handle.
    static func spread(
        _ selected: [LibvirtDomain], over extra: [(connection: LibvirtConnection, byName: [String: LibvirtDomain])]
    ) -> [LibvirtDomain] {
        guard !extra.isEmpty else { return selected }
        return selected.enumerated().map { index, domain in
            let slot = index % (extra.count + 1)
            guard slot > 0, let other = extra[slot - 1].byName[domain.name], other.uuid == domain.uuid else { return domain }
            return other
        }
    }

    /// One domain's definitions. Each call and the reading of its error stay on one thread.
    private static func fetch(_ domain: LibvirtDomain, key: FingerprintKey) -> Result<ObservedDomain, any Error> {
        do {
            let persistent = try domain.persistentXML()
            let live = domain.isActive ? try domain.liveXML() : nil
            return .success(ObservedDomain(
                name: domain.name, uuid: domain.uuid, state: domain.state, isActive: domain.isActive,
                persistentXML: persistent, liveXML: live, fingerprint: .digest(key.fingerprint(persistent.utf8))))
        } catch let error as LibvirtError {
            return .failure(PlanError.domain(name: domain.name, reason: error.message))
        } catch {
            return .failure(error)
        }
    }
}
