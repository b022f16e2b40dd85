/// One hardening rule of the catalogue: data, not code. Its check and fix are drawn from the
/// closed set of primitives in `Check`; the Planner implements them.
public struct Rule: Hashable, Sendable, Codable, Identifiable {
    /// Stable kebab-case id; never reused for a different meaning.
    public var id: String
    public var title: String
    public var severity: Severity
    /// One paragraph: why the rule matters on a KVM host.
    public var rationale: String
    public var references: References
    /// Posture under which the rule applies; a rule whose condition does not match is not selected.
    public var appliesWhen: PostureCondition
    /// Opt-in rules apply only when a profile lists them under `rules.enable`.
    public var optIn: Bool
    public var target: RuleTarget
    public var check: Check
    /// The automatic fix, if the rule has one. Host facts and manual steps never have one.
    public var fix: Fix?
    /// What must hold on the host or domain for the fix to be proposed (or the rule to apply).
    public var preconditions: [Precondition]
    /// A value the plan computes for the operator's finding, when a fix would not be safe.
    public var suggestion: Suggestion?
    /// When a fix takes effect.
    public var effect: Effect
    /// What an operator does by hand when no automatic fix exists or when a finding remains.
    public var guidance: String
    /// Values the check reads, which profiles may refine under `rules.values`.
    public var parameters: [Parameter]
    /// True when the values this rule looks at are secrets; they are shown as `(sensitive)`.
    public var sensitive: Bool
    public var examples: RuleExamples

    public init(
        id: String, title: String, severity: Severity, rationale: String, references: References,
        appliesWhen: PostureCondition = PostureCondition(), optIn: Bool = false, target: RuleTarget,
        check: Check, fix: Fix? = nil, preconditions: [Precondition] = [], suggestion: Suggestion? = nil, effect: Effect, guidance: String, parameters: [Parameter] = [],
        sensitive: Bool = false, examples: RuleExamples
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.rationale = rationale
        self.references = references
        self.appliesWhen = appliesWhen
        self.optIn = optIn
        self.target = target
        self.check = check
        self.fix = fix
        self.preconditions = preconditions
        self.suggestion = suggestion
        self.effect = effect
        self.guidance = guidance
        self.parameters = parameters
        self.sensitive = sensitive
        self.examples = examples
    }

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
