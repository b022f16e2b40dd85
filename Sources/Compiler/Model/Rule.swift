/// One hardening rule of the catalogue: data, not code. Its check and fix are drawn from the
/// closed set of primitives in `Check`; the Planner implements them.
public struct Rule: Hashable, Sendable, Codable, Identifiable {
    /// The fields, shared by copies until one of them changes one (copy on write). A plan reads
    /// every rule on every domain, and copying a rule then costs one reference instead of one
    /// per string and array it holds.
    fileprivate(set) var storage: Storage

    /// Stable kebab-case id; never reused for a different meaning.
    public var id: String {
        get { storage.fields.id }
        set { unique().fields.id = newValue }
    }
    public var title: String {
        get { storage.fields.title }
        set { unique().fields.title = newValue }
    }
    public var severity: Severity {
        get { storage.fields.severity }
        set { unique().fields.severity = newValue }
    }
    /// One paragraph: why the rule matters on a KVM host.
    public var rationale: String {
        get { storage.fields.rationale }
        set { unique().fields.rationale = newValue }
    }
    public var references: References {
        get { storage.fields.references }
        set { unique().fields.references = newValue }
    }
    /// Posture under which the rule applies; a rule whose condition does not match is not selected.
    public var appliesWhen: PostureCondition {
        get { storage.fields.appliesWhen }
        set { unique().fields.appliesWhen = newValue }
    }
    /// Opt-in rules apply only when a profile lists them under `rules.enable`.
    public var optIn: Bool {
        get { storage.fields.optIn }
        set { unique().fields.optIn = newValue }
    }
    public var target: RuleTarget {
        get { storage.fields.target }
        set { unique().fields.target = newValue }
    }
    public var check: Check {
        get { storage.fields.check }
        set { unique().fields.check = newValue }
    }
    /// The automatic fix, if the rule has one. Host facts and manual steps never have one.
    public var fix: Fix? {
        get { storage.fields.fix }
        set { unique().fields.fix = newValue }
    }
    /// What must hold on the host or domain for the fix to be proposed (or the rule to apply).
    public var preconditions: [Precondition] {
        get { storage.fields.preconditions }
        set { unique().fields.preconditions = newValue }
    }
    /// A value the plan computes for the operator's finding, when a fix would not be safe.
    public var suggestion: Suggestion? {
        get { storage.fields.suggestion }
        set { unique().fields.suggestion = newValue }
    }
    /// When a fix takes effect.
    public var effect: Effect {
        get { storage.fields.effect }
        set { unique().fields.effect = newValue }
    }
    /// What an operator does by hand when no automatic fix exists or when a finding remains.
    public var guidance: String {
        get { storage.fields.guidance }
        set { unique().fields.guidance = newValue }
    }
    /// Values the check reads, which profiles may refine under `rules.values`.
    public var parameters: [Parameter] {
        get { storage.fields.parameters }
        set { unique().fields.parameters = newValue }
    }
    /// True when the values this rule looks at are secrets; they are shown as `(sensitive)`.
    public var sensitive: Bool {
        get { storage.fields.sensitive }
        set { unique().fields.sensitive = newValue }
    }
    public var examples: RuleExamples {
        get { storage.fields.examples }
        set { unique().fields.examples = newValue }
    }

    public init(
        id: String, title: String, severity: Severity, rationale: String, references: References,
        appliesWhen: PostureCondition = PostureCondition(), optIn: Bool = false, target: RuleTarget,
        check: Check, fix: Fix? = nil, preconditions: [Precondition] = [], suggestion: Suggestion? = nil, effect: Effect, guidance: String, parameters: [Parameter] = [],
        sensitive: Bool = false, examples: RuleExamples
    ) {
        storage = Storage(Fields(
            id: id, title: title, severity: severity, rationale: rationale, references: references, appliesWhen: appliesWhen,
            optIn: optIn, target: target, check: check, fix: fix, preconditions: preconditions, suggestion: suggestion,
            effect: effect, guidance: guidance, parameters: parameters, sensitive: sensitive, examples: examples))
    }

    /// A rule's values, held by `Storage`.
    struct Fields: Hashable, Sendable, Encodable {
        var id: String
        var title: String
        var severity: Severity
        var rationale: String
        var references: References
        var appliesWhen: PostureCondition
        var optIn: Bool
        var target: RuleTarget
        var check: Check
        var fix: Fix?
        var preconditions: [Precondition]
        var suggestion: Suggestion?
        var effect: Effect
        var guidance: String
        var parameters: [Parameter]
        var sensitive: Bool
        var examples: RuleExamples
    }

    /// The box copies of a rule share. Only `unique()` hands out a box to change, and only
    /// when no other copy holds it, so a box is never changed while shared.
    final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        return storage
    }

    public static func == (a: Rule, b: Rule) -> Bool { a.storage === b.storage || a.storage.fields == b.storage.fields }
    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

    /// The parameter with this name, if the rule declares it.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }
}

/// How bad a failed rule is, OpenSCAP-style.
public enum Severity: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    case low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// What a rule looks at.
public enum RuleTarget: String, CaseIterable, Hashable, Sendable, Codable {
    /// Each selected domain's persistent XML.
    case domain
    /// A host configuration file, read and written through Augeas.
    case hostFile = "host-file"
    /// A read-only observation of the host (/proc, /sys). Never fixed automatically.
    case hostFact = "host-fact"
    /// The mode, owner and group of host paths (files, directories, device nodes).
    case hostPath = "host-path"
    /// The systemd units that start libvirt's daemons: enablement, drop-ins, effective settings.
    case hostUnit = "host-unit"
    /// The secret objects of the connection's secret driver and the definitions under /etc/libvirt/secrets.
    case libvirtSecret = "libvirt-secret"
    /// A step that cannot be observed; reported with guidance until attested.
    case manual
}

/// When a fix takes effect; the plan shows it on every change.
public enum Effect: String, CaseIterable, Hashable, Sendable, Codable {
    case immediate
    case nextDomainBoot = "next-domain-boot"
    case daemonRestart = "daemon-restart"
    case hostReboot = "host-reboot"
    /// For rules that never change anything (facts, manual steps).
    case none
}

/// Where a rule comes from: NIST SP 800-125A Rev 1 and the catalogues that overlap it.
public struct References: Hashable, Sendable, Codable {
    /// `PI` (platform integrity) or `HY-BF1` … `HY-BF5`.
    public var function: String
    /// The stable topic key of docs/controls.md, e.g. `B2-1`.
    public var topic: String
    /// An HY-SR number, only where docs/controls.md marks it probable, e.g. `HY-SR-2 (probable)`.
    public var hySR: String?
    /// The 2014 draft's recommendation numbers, e.g. `IPD-5(b)`.
    public var ipd: [String]
    /// NIST SP 800-53 controls, e.g. `SC-39`.
    public var sp80053: [String]
    /// DISA VMM SRG ids, e.g. `SRG-OS-000408-VMM-001680`.
    public var srg: [String]

    public init(function: String, topic: String, hySR: String? = nil, ipd: [String] = [], sp80053: [String] = [], srg: [String] = []) {
        self.function = function
        self.topic = topic
        self.hySR = hySR
        self.ipd = ipd
        self.sp80053 = sp80053
        self.srg = srg
    }

    enum CodingKeys: String, CodingKey { case function, topic, hySR, ipd, sp80053, srg }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        function = try c.decode(String.self, forKey: .function)
        topic = try c.decode(String.self, forKey: .topic)
        hySR = try c.decodeIfPresent(String.self, forKey: .hySR)
        ipd = try c.decodeIfPresent([String].self, forKey: .ipd) ?? []
        sp80053 = try c.decodeIfPresent([String].self, forKey: .sp80053) ?? []
        srg = try c.decodeIfPresent([String].self, forKey: .srg) ?? []
    }
}

/// The posture values under which a rule applies. A missing list means "any value".
public struct PostureCondition: Hashable, Sendable, Codable {
    public var platform: [Posture.Platform]?
    public var virtualization: [Posture.Virtualization]?
    public var bootIntegrity: [Posture.BootIntegrity]?
    public var passthrough: [PassthroughPolicy.Mode]?

    public init(
        platform: [Posture.Platform]? = nil, virtualization: [Posture.Virtualization]? = nil,
        bootIntegrity: [Posture.BootIntegrity]? = nil, passthrough: [PassthroughPolicy.Mode]? = nil
    ) {
        self.platform = platform
        self.virtualization = virtualization
        self.bootIntegrity = bootIntegrity
        self.passthrough = passthrough
    }

    public func matches(_ posture: Posture) -> Bool {
        (platform?.contains(posture.platform) ?? true)
            && (virtualization?.contains(posture.virtualization) ?? true)
            && (bootIntegrity?.contains(posture.bootIntegrity) ?? true)
            && (passthrough?.contains(posture.passthrough.mode) ?? true)
    }
}
