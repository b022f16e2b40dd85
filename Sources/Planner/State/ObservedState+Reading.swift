import Compiler
import Foundation

extension ObservedState {
    /// Everything `reader` reads for `policy`, held as values: for callers that look at the state
    /// itself, or plan it several times. (Planning straight from a reader holds less memory.)
    public init(reading reader: some StateReader, policy: Policy, domains selection: DomainSelection? = nil) throws {
        let selection = selection ?? DomainSelection(selector: policy.domains)
        let collected = Collected()
        let chosen = try reader.readDomains(selection) { name, read in collected.add(name, read) }
        let domains = try chosen.selected.map { try collected.take($0) }
        let note = reader.hostScopeNote
        self.init(
            connectURI: reader.connectURI, root: reader.root, domains: domains, unselectedDomains: chosen.unselected.sorted(),
            files: note == nil ? try reader.readFiles(ConfigQuery(policy: policy)) : [:], facts: reader.readFacts(),
            hostScopeNote: note, capabilities: { reader.domainCapabilities($0) }, hostName: reader.hostName)
        if note == nil {
            paths = reader.readPaths(PathQuery(rules: policy.rules.map(\.rule)))
            units = reader.readUnits(ObservedUnits.query(policy.rules.map(\.rule)))
        }
        if policy.rules.contains(where: { $0.rule.target == .libvirtSecret }) {
            secrets = reader.readSecrets(includingFiles: note == nil)
        }
    }
}

/// Domains delivered from any thread, taken back in listing order.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var reads: [String: Result<ObservedDomain, any Error>] = [:]

    func add(_ name: String, _ read: Result<ObservedDomain, any Error>) {
        lock.lock()
        reads[name] = read
        lock.unlock()
    }

    func take(_ name: String) throws -> ObservedDomain {
        lock.lock()
        defer { lock.unlock() }
        guard let read = reads[name] else { throw PlanError.domain(name: name, reason: "the reader did not deliver it") }
        return try read.get()
    }
}
