/// One libvirt secret as the secret driver lists it or as its definition file under
/// `/etc/libvirt/secrets` says.
public struct ObservedSecret: Hashable, Sendable {
    public var uuid: String
    /// The usage type (`volume`, `ceph`, `iscsi`, `tls`, `vtpm`, `none`).
    public var usageType: String
    /// What it is used for: a volume path, a usage name; nil when not known.
    public var usageID: String?
    /// `private='yes'`: its value cannot be read back through the API.
    public var isPrivate: Bool
    /// Where it was seen: `the secret driver` (the connection's) and/or its definition file.
    public var seenIn: [String]

    public init(uuid: String, usageType: String, usageID: String? = nil, isPrivate: Bool, seenIn: [String]) {
        self.uuid = uuid
        self.usageType = usageType
        self.usageID = usageID
        self.isPrivate = isPrivate
        self.seenIn = seenIn
    }

    /// "volume /var/lib/libvirt/images/db.qcow2", "ceph client.admin secret", "none".
    public var usage: String { usageID.map { "\(usageType) \($0)" } ?? usageType }

    /// One view of a secret seen in two places: it is private only if both say so.
    func merged(with other: ObservedSecret) -> ObservedSecret {
        var merged = self
        merged.isPrivate = isPrivate && other.isPrivate
        merged.usageID = usageID ?? other.usageID
        merged.seenIn += other.seenIn.filter { !seenIn.contains($0) }
        return merged
    }
}

/// The secrets libvirt-secret rules read: those the connection lists and those defined in
/// files under the root, merged by UUID, and what could not be read (each said in a sentence).
public struct ObservedSecrets: Hashable, Sendable {
    public var secrets: [String: ObservedSecret]
    public var problems: [String]

    public init(secrets: [String: ObservedSecret] = [:], problems: [String] = []) {
        self.secrets = secrets
        self.problems = problems
    }

    public static let none = ObservedSecrets()

    /// Adds a secret, merging it with one of the same UUID seen elsewhere.
    public mutating func add(_ secret: ObservedSecret) {
        secrets[secret.uuid] = secrets[secret.uuid].map { $0.merged(with: secret) } ?? secret
    }
}
