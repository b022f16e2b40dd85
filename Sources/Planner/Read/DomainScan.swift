import Compiler
import Foundation
import Host

/// Selects the policy's domains (or `--domain`'s) among a connection's listing and fetches
/// each selected one's definitions on `fetchWorkers` threads sharing the connection: while one
/// thread turns a reply into a string, the others wait on the daemon. Outputs are in listing
/// order.
struct DomainScan {
    /// One per selected domain: its definitions, or the fetch failure as a `PlanError`.
    var outputs: [Result<ObservedDomain, any Error>]
    /// The selected domains' names, in listing order.
    let selected: [String]
    /// The others' names, in listing order.
    let unselected: [String]

    /// Throws what a sequential read would at this point: an unknown `--domain`. A fetch
    /// failure is thrown by `outputs`' first failure.
    init(_ reader: LiveStateReader, _ policy: Policy, domains all: [LibvirtDomain]) throws {
        let known = Set(all.map(\.name))
        if let missing = reader.domainNames.first(where: { !known.contains($0) }) {
            throw PlanError.unknownDomain(missing, uri: reader.connectURI)
        }
        let named = Set(reader.domainNames)
        var wanted: [LibvirtDomain] = []
        var unselected: [String] = []
        for domain in all {
            let selected = named.isEmpty ? policy.domains.selects(domain.name) : named.contains(domain.name)
            if selected { wanted.append(domain) } else { unselected.append(domain.name) }
        }
        outputs = ParallelWork.map(wanted, workers: reader.fetchWorkers) { Self.fetch($0) }
        selected = wanted.map(\.name)
        self.unselected = unselected
    }

    /// Every domain `connection` knows; a failure names the URI.
    static func list(_ connection: LibvirtConnection, uri: String) throws -> [LibvirtDomain] {
        do {
            return try connection.listAllDomains()
        } catch let error as LibvirtError {
            throw PlanError.connection(uri: uri, error)
        }
    }

    /// One domain's definitions. Each call and the reading of its error stay on one thread.
    private static func fetch(_ domain: LibvirtDomain) -> Result<ObservedDomain, any Error> {
        do {
            let persistent = try domain.persistentXML()
            let live = domain.isActive ? try domain.liveXML() : nil
            return .success(ObservedDomain(
                name: domain.name, uuid: domain.uuid, state: domain.state, isActive: domain.isActive,
                persistentXML: persistent, liveXML: live))
        } catch let error as LibvirtError {
            return .failure(PlanError.domain(name: domain.name, error))
        } catch {
            return .failure(error)
        }
    }
}
