/// Fingerprints of what a plan was computed from, so that a saved plan can detect a changed
/// host: every object the plan read (domains, files; keyed digests, see `Fingerprint`) and the
/// stable host facts its rules read.
public struct Basis: Hashable, Sendable, Codable {
    public var objects: [ObjectRef: Fingerprint]
    /// Fact name → value, for the facts the plan's rules read.
    public var facts: [String: String]

    public init(objects: [ObjectRef: Fingerprint] = [:], facts: [String: String] = [:]) {
        self.objects = objects
        self.facts = facts
    }

    /// One object's entry, as JSON carries it: a list sorted by object.
    public struct Entry: Hashable, Sendable, Codable {
        public var object: ObjectRef
        public var fingerprint: Fingerprint
    }

    private enum CodingKeys: String, CodingKey { case objects, facts }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let entries = try container.decode([Entry].self, forKey: .objects)
        objects = Dictionary(entries.map { ($0.object, $0.fingerprint) }, uniquingKeysWith: { first, _ in first })
        facts = try container.decode([String: String].self, forKey: .facts)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let entries = objects.map { Entry(object: $0.key, fingerprint: $0.value) }.sorted { $0.object < $1.object }
        try container.encode(entries, forKey: .objects)
        try container.encode(facts, forKey: .facts)
    }
}
