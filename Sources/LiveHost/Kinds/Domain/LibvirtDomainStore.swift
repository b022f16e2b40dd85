import Applier
import Digests
import Foundation
import Host
import Planner
import XMLKit

/// The store of `DomainResource` objects: persistent definitions read with INACTIVE|SECURE
/// (so graphics passwords survive a redefine), edited as a parsed document and written with one
/// validated define per domain.
public struct LibvirtDomainStore: ObjectStore {
    public let connection: LibvirtConnection
    public let key: FingerprintKey

    public init(connection: LibvirtConnection, key: FingerprintKey) {
        self.connection = connection
        self.key = key
    }

    public var kind: ResourceKind { DomainResource.kind }

    public func fingerprint(_ name: String) throws -> Fingerprint {
        guard let (_, xml) = try definition(name) else { return .absent }
        return .digest(key.fingerprint(xml.utf8))
    }

    public func snapshot(_ name: String) throws -> ObjectSnapshot {
        guard let (uuid, xml) = try definition(name) else { return ObjectSnapshot(content: nil, fingerprint: .absent) }
        return ObjectSnapshot(content: Data(xml.utf8), attributes: ["uuid": uuid], fingerprint: .digest(key.fingerprint(xml.utf8)))
    }

    public func write(_ name: String, edits: [AnyEdit]) throws -> Fingerprint {
        guard let (_, xml) = try definition(name) else { throw LibvirtStoreError.noDomain(name) }
        let document = try XMLDocument(string: xml)
        try XMLEditor.apply(edits.map { try $0.unwrap(DomainEdit.self) }, to: document)
        _ = try connection.define(xml: document.serialize(), validate: true)
        return try fingerprint(name)
    }

    public func restore(_ name: String, from snapshot: ObjectSnapshot) throws -> Fingerprint {
        // hvharden never creates or removes domains, so every journal copy holds a definition.
        guard let content = snapshot.content else { throw LibvirtStoreError.noBackup(name) }
        _ = try connection.define(xml: String(decoding: content, as: UTF8.self), validate: false)
        return try fingerprint(name)
    }

    /// The UUID and persistent definition of `name`; nil when there is no such domain.
    private func definition(_ name: String) throws -> (String, String)? {
        do {
            let domain = try connection.lookup(name: name)
            return (domain.uuid, try domain.persistentXML())
        } catch let error as LibvirtError where error.code == LibvirtError.noDomain {
            return nil
        }
    }
}

enum LibvirtStoreError: Error, CustomStringConvertible {
    case noDomain(String)
    case noBackup(String)

    var description: String {
        switch self {
        case .noDomain(let name): return "domain '\(name)' no longer exists"
        case .noBackup(let name): return "the journal holds no definition of domain '\(name)'"
        }
    }
}
