import Digests
import Host
import HostModel
import Planner

/// Lists a connection's domains, chooses the selected ones and fetches each one's definitions on
/// `workers` threads sharing the connection, handing each to the Planner as it arrives: while
/// one thread turns a reply into a string, the others wait on the daemon.
struct DomainScan {
    let uri: String
    let key: FingerprintKey
    let workers: Int

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
        ParallelWork.forEach(all.filter { wanted.contains($0.name) }, workers: workers) { domain in
            deliver(domain.name, Self.fetch(domain, key: key))
        }
        return chosen
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
