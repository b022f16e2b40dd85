import HostModel
import XMLKit
import Planner

/// Per-kind views of plan values, for tests that look at domains and files apart.
extension Address {
    public var domain: String? { name(of: DomainResource.self) }
    public var file: String? { name(of: ConfigFileResource.self) }
    public var isDomain: Bool { ref?.kind == DomainResource.kind }
    public var isFile: Bool { ref?.kind == ConfigFileResource.kind }
}

extension Basis {
    /// Domain name → fingerprint.
    public var domains: [String: Fingerprint] {
        Dictionary(uniqueKeysWithValues: objects.filter { $0.key.kind == DomainResource.kind }.map { ($0.key.name, $0.value) })
    }

    /// Host path → fingerprint.
    public var files: [String: Fingerprint] {
        Dictionary(uniqueKeysWithValues: objects.filter { $0.key.kind == ConfigFileResource.kind }.map { ($0.key.name, $0.value) })
    }
}

extension ObservedDomain {
    /// A domain as a reader with `TestKey` would deliver it.
    public init(name: String, uuid: String, state: DomainState, isActive: Bool, persistentXML: String, liveXML: String? = nil) {
        self.init(
            name: name, uuid: uuid, state: state, isActive: isActive, persistentXML: persistentXML, liveXML: liveXML,
            fingerprint: TestKey.fingerprint(persistentXML))
    }
}

extension XMLEditor {
    /// Applies a plan's domain edits (edits of other kinds are an error).
    public static func apply(_ edits: [AnyEdit], to document: XMLDocument) throws {
        try apply(edits.map { try $0.unwrap(DomainEdit.self) }, to: document)
    }
}

extension Array where Element == AnyEdit {
    /// The domain edits among these, in order.
    public var domainEdits: [DomainEdit] { compactMap { $0.as(DomainEdit.self) } }
}
