/// Inputs that prove a rule: each compliant example must pass its check and each noncompliant
/// one must fail it (SwiftLint's triggering / non-triggering examples). A test runs them all.
public struct RuleExamples: Hashable, Sendable, Codable {
    public var compliant: [RuleExample]
    public var noncompliant: [RuleExample]

    public init(compliant: [RuleExample], noncompliant: [RuleExample]) {
        self.compliant = compliant
        self.noncompliant = noncompliant
    }
}

/// One example input. Which field is set depends on the rule's target.
public struct RuleExample: Hashable, Sendable, Codable {
    /// A complete domain XML document (domain rules).
    public var xml: String?
    /// The content of the rule's config file (host-file rules).
    public var file: String?
    /// A partial host-facts document merged over an empty one (host-fact rules and evaluators
    /// that need facts, such as passthrough).
    public var facts: JSONValue?
    /// Host paths and their metadata (host-path rules); a path not listed does not exist.
    public var paths: [String: PathExample]?
    /// Files by host path with their text, and symbolic links by host path with their target
    /// (host-unit rules: unit files, drop-ins, `*.wants/` links).
    public var tree: [String: String]?
    public var links: [String: String]?
    /// Whether the profile attests the step (manual rules).
    public var attested: Bool?
    /// Parameter values to use instead of the defaults.
    public var parameters: [String: Value]?
    /// The posture to evaluate under, when it matters (defaults to the rule's first matching one).
    public var posture: Posture?
    /// Why this example is (non)compliant, for readers.
    public var note: String?

    public init(
        xml: String? = nil, file: String? = nil, facts: JSONValue? = nil, attested: Bool? = nil,
        parameters: [String: Value]? = nil, posture: Posture? = nil, note: String? = nil
    ) {
        self.xml = xml
        self.file = file
        self.facts = facts
        self.attested = attested
        self.parameters = parameters
        self.posture = posture
        self.note = note
    }
}

/// One path of a host-path example: `{mode: "0644", owner: root, group: root}`; `type` is
/// `file` (the default), `directory` or `device`.
public struct PathExample: Hashable, Sendable, Codable {
    public var mode: String
    public var owner: String
    public var group: String
    public var type: String?

    public init(mode: String, owner: String = "root", group: String = "root", type: String? = nil) {
        self.mode = mode
        self.owner = owner
        self.group = group
        self.type = type
    }

    enum CodingKeys: String, CodingKey { case mode, owner, group, type }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            mode: try c.decode(String.self, forKey: .mode), owner: try c.decodeIfPresent(String.self, forKey: .owner) ?? "root",
            group: try c.decodeIfPresent(String.self, forKey: .group) ?? "root", type: try c.decodeIfPresent(String.self, forKey: .type))
    }
}
