import Applier
import Planner

/// Per-kind views of apply results and journals, for tests that check domains and files apart.
public extension ApplyResult {
    public var domainsDefined: [String] { written.filter { $0.kind == DomainResource.kind }.map(\.name) }
    public var filesWritten: [String] { written.filter { $0.kind == ConfigFileResource.kind }.map(\.name) }
}

public extension Rollback.Result {
    public var domainsRestored: [String] { restored.filter { $0.kind == DomainResource.kind }.map(\.name) }
    public var filesRestored: [String] { restored.filter { $0.kind == ConfigFileResource.kind }.map(\.name) }
}

public extension JournalManifest {
    public var domains: [JournalObject] { objects.filter { $0.object.kind == DomainResource.kind } }
    public var files: [JournalObject] { objects.filter { $0.object.kind == ConfigFileResource.kind } }
}

public extension JournalObject {
    public var name: String { object.name }
    public var path: String { object.name }
}
