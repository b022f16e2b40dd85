import Compiler
import Foundation
import Host

extension Planner {
    /// Reads the host with `reader` and plans it, keeping each domain's XML only until that
    /// domain is evaluated. The plan, and the error if any, are those of
    /// `plan(policy:state:today:)` on `reader.read(policy:)`, in the same time, with the XML of
    /// thousands of domains never held at once next to their results (`ObservedState` has to
    /// keep it all, for its callers).
    ///
    /// The domains are all fetched first, by `reader.fetchWorkers` threads, then evaluated on
    /// every core. Evaluating on the fetching threads instead was measured slower: busy cores
    /// delay the threads that read the daemon's replies, and every RPC waits longer.
    public static func plan(policy: Policy, reader: LiveStateReader, today: Date = Date()) throws -> Plan {
        // The host is read while the connection opens and lists.
        let host = HostReading(reader, policy)
        return try plan(policy: policy, reader: reader, host: host, listed: DomainListing.list(reader.connectURI), today: today)
    }

    /// `plan(policy:reader:today:)` with the listing started earlier (`reader.startListing()`),
    /// for instance before compiling the profiles.
    public static func plan(policy: Policy, listing: DomainListing, today: Date = Date()) throws -> Plan {
        let host = HostReading(listing.reader, policy)
        return try plan(policy: policy, reader: listing.reader, host: host, listed: listing.wait(), today: today)
    }

    private static func plan(
        policy: Policy, reader: LiveStateReader, host: HostReading, listed: DomainListing.Listed, today: Date
    ) throws -> Plan {
        defer { listed.connection.close() }
        var scan = try DomainScan(reader, policy, domains: listed.domains)
        // A read fails before any evaluation does: fetch failures in listing order first, then
        // the config files; evaluation failures come out of `assemble`, in name order.
        var fetched: [ObservedDomain] = []
        fetched.reserveCapacity(scan.outputs.count)
        for output in scan.outputs { fetched.append(try output.get()) }
        scan.outputs = []
        let state = try host.state(connectURI: reader.connectURI, root: reader.root, domains: [], unselected: scan.unselected)

        let planner = DomainPlanner(policy: policy, today: today, facts: state.facts, allDomainNames: scan.selected)
        let pending = PendingDomains(fetched)
        fetched = []
        var planned = ParallelWork.map(Array(pending.indices), workers: ParallelWork.cores) { index in
            let domain = pending.take(index)
            return (name: domain.name, result: Result { try planner.plan(domain) })
        }
        return try assemble(policy: policy, today: today, domains: &planned, host: state)
    }
}

/// Fetched domains handed to the evaluating threads one at a time; taking one drops the
/// store's copy, so its XML is freed as soon as its evaluation is done.
private final class PendingDomains: @unchecked Sendable {
    private let lock = NSLock()
    private var domains: [ObservedDomain?]

    init(_ domains: [ObservedDomain]) { self.domains = domains }

    var indices: Range<Int> { 0..<domains.count }

    /// The domain at `index`; each index is taken once.
    func take(_ index: Int) -> ObservedDomain {
        lock.lock()
        defer { lock.unlock() }
        let domain = domains[index]!
        domains[index] = nil
        return domain
    }
}
