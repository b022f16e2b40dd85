import Foundation
import Planner

/// The Applier's view of one kind of managed object: what it needs to check, back up, write
/// and restore an object of that kind. The adapters implement one per registered kind (domains
/// through libvirt, config files through Augeas); tests implement them in memory.
///
/// Every method names the object by its name within the kind, and a failure is an error whose
/// description is the reason (the object is named by the caller).
public protocol ObjectStore {
    /// The kind this store reads and writes.
    var kind: ResourceKind { get }
    /// The object's current fingerprint, keyed as the reader keys it; `.absent` when it does
    /// not exist.
    func fingerprint(_ name: String) throws -> Fingerprint
    /// A copy of the object as it is now, enough to put it back exactly.
    func snapshot(_ name: String) throws -> ObjectSnapshot
    /// Makes `edits` in one atomic write (old or new, never half) and returns the new fingerprint.
    func write(_ name: String, edits: [AnyEdit]) throws -> Fingerprint
    /// Puts the object back as `snapshot` recorded it (removing it if it did not exist) and
    /// returns its fingerprint afterwards.
    func restore(_ name: String, from snapshot: ObjectSnapshot) throws -> Fingerprint
    /// The temporary files a write or restore of `name` makes on its way (and leaves behind if
    /// it is interrupted), as they exist now. Kinds written in one call to their service
    /// (domains: one define) have none.
    func leftovers(of name: String) -> [Leftover]
    /// Removes `leftover`, which `leftovers(of: name)` returned; a path that is not one of
    /// `name`'s temporaries is never removed.
    func remove(_ leftover: Leftover, of name: String) throws
}

extension ObjectStore {
    public func leftovers(of name: String) -> [Leftover] { [] }
    public func remove(_ leftover: Leftover, of name: String) throws {}
}

/// A temporary file of an object's store: where it is and when it was last written.
public struct Leftover: Sendable, Hashable {
    public var path: String
    public var modified: Date

    public init(path: String, modified: Date) {
        self.path = path
        self.modified = modified
    }
}

/// An object as it was before an apply: its bytes (nil when it did not exist), what else
/// restoring it needs (a file's mode and owner, a domain's UUID), and its fingerprint.
public struct ObjectSnapshot: Sendable, Equatable {
    public var content: Data?
    public var attributes: [String: String]
    public var fingerprint: Fingerprint

    public init(content: Data?, attributes: [String: String] = [:], fingerprint: Fingerprint) {
        self.content = content
        self.attributes = attributes
        self.fingerprint = fingerprint
    }
}

/// The stores of every kind an apply may touch.
public struct ObjectStores {
    private let stores: [ResourceKind: any ObjectStore]

    public init(_ stores: [any ObjectStore]) {
        self.stores = Dictionary(stores.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The store for `kind`; a plan naming a kind without one cannot be applied.
    public func store(for kind: ResourceKind) throws -> any ObjectStore {
        guard let store = stores[kind] else { throw ApplyError.noStore(kind) }
        return store
    }
}
