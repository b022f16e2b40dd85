/// Where a change or finding applies: an object of a registered kind and a path inside it, or
/// the host as a whole (host facts, manual steps).
public struct Address: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The object; nil for the host as a whole.
    public var ref: ObjectRef?
    /// A path inside the object: an XPath-like path in domain XML, an Augeas key below a file.
    public var path: String?

    public init(ref: ObjectRef?, path: String? = nil) {
        self.ref = ref
        self.path = path
    }

    public static func domain(_ name: String, path: String? = nil) -> Address {
        Address(ref: DomainResource.ref(name), path: path)
    }

    public static func file(_ hostPath: String, key: String? = nil) -> Address {
        Address(ref: ConfigFileResource.ref(hostPath), path: key)
    }

    public static let host = Address(ref: nil, path: nil)

    /// The object the address belongs to: "domain 'web01'", "file /etc/libvirt/qemu.conf", "host".
    public var object: String { ref?.description ?? "host" }

    /// The object's name when it is of `kind` (a domain's name for `DomainResource`).
    public func name<K: ResourceKindDescription>(of kind: K.Type) -> String? {
        ref?.kind == K.kind ? ref?.name : nil
    }

    public var description: String { path.map { "\(object) \($0)" } ?? object }

    /// Objects in kind order (domains, then files), the host last; then by path.
    public static func < (a: Address, b: Address) -> Bool {
        switch (a.ref, b.ref) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return (a.path ?? "") < (b.path ?? "")
        }
    }
}
