import Compiler
import Host
import LiveHost
import Planner
import TestSupport

extension LiveStateReader {
    /// A reader with the tests' fingerprint key.
    public init(connectURI: String, root: String, fetchWorkers: Int = 4) {
        self.init(connectURI: connectURI, root: root, key: TestKey.key, fetchWorkers: fetchWorkers)
    }

    /// Everything this reader reads for `policy` (only `domains` when given), as values.
    public func read(policy: Policy, domains: [String] = []) throws -> ObservedState {
        try ObservedState(reading: self, policy: policy, domains: DomainSelection(selector: policy.domains, names: domains))
    }
}

extension LiveStateReader {
    /// This reader over an open connection (a test-driver connection keeps its changes in memory).
    public func withConnection(_ connection: LibvirtConnection) -> LiveStateReader {
        LiveStateReader(connectURI: connectURI, root: root, key: key, fetchWorkers: fetchWorkers, connection: connection)
    }
}
