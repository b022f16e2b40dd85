import Compiler

/// A plan: what `apply` would change on one host, what it cannot change, and what it was computed
/// from. A versioned, self-sufficient value (Terraform's plan file): `apply` reads nothing but the
/// plan and the live fingerprints, and refuses a plan whose basis no longer matches.
public struct Plan: Hashable, Sendable, Codable {
    /// The plan file format; `apply` rejects versions it does not know.
    /// 2: objects addressed by kind and name, keyed fingerprints, typed edits.
    public static let currentFormatVersion = 2

    public var formatVersion: Int
    public var hvhardenVersion: String
    /// SHA-256 over the profile sources; identifies the policy the plan enforces.
    public var profileDigest: String
    public var profiles: [String]
    public var connectURI: String
    public var root: String
    /// Edits to make, grouped in display order: domains by name, then files by path.
    public var changes: [Change]
    /// Problems hvharden cannot or may not fix; unwaived findings fail `--detailed-exitcode`.
    public var findings: [Finding]
    /// Rules that would fail but are covered by an unexpired waiver.
    public var waived: [WaivedItem]
    /// Running domains whose persistent definition complies but whose live one does not yet.
    public var pendingRestart: [PendingRestart]
    /// Fingerprints of everything the plan was computed from; `apply` compares them with the host.
    public var basis: Basis
    /// The compiled policy (rule ids and parameters), so a saved plan can be verified on apply.
    public var policy: PolicySnapshot
    /// Things the reader should know about the plan's scope (e.g. host rules skipped for a remote URI).
    public var notes: [String]
    /// The libvirt daemons that serve the host (`libvirtd`, or modular ones such as `virtqemud`),
    /// as its enabled systemd units show; nil when the host's own files were not read (a remote
    /// URI). Restart advice after an apply names them.
    public var libvirtDaemons: [String]?
    public var summary: PlanSummary

    public init(
        profileDigest: String, profiles: [String], policy: PolicySnapshot, connectURI: String, root: String, changes: [Change],
        findings: [Finding], waived: [WaivedItem], pendingRestart: [PendingRestart], basis: Basis,
        notes: [String] = [], libvirtDaemons: [String]? = nil
    ) {
        self.formatVersion = Plan.currentFormatVersion
        self.hvhardenVersion = HVHardenVersion.current
        self.profileDigest = profileDigest
        self.profiles = profiles
        self.connectURI = connectURI
        self.root = root
        self.changes = changes
        self.findings = findings
        self.waived = waived
        self.pendingRestart = pendingRestart
        self.basis = basis
        self.policy = policy
        self.notes = notes
        self.libvirtDaemons = libvirtDaemons
        self.summary = PlanSummary(changes: changes, findings: findings, waived: waived, pendingRestart: pendingRestart)
    }

    /// True when `apply` would change nothing and no unwaived finding remains.
    public var isClean: Bool { changes.isEmpty && findings.isEmpty }
}

/// One edit the apply would make. `before` and `after` are display values, `(absent)` when there
/// is none and `(sensitive)` for secrets; `edit` is what the Applier executes.
public struct Change: Hashable, Sendable, Codable {
    public enum Action: String, Hashable, Sendable, Codable {
        case add, update, remove

        public var marker: String {
            switch self {
            case .add: return "+"
            case .update: return "~"
            case .remove: return "-"
            }
        }
    }

    public var address: Address
    public var action: Action
    public var before: String?
    public var after: String?
    public var rule: String
    public var severity: Severity
    public var effect: Effect
    public var edit: AnyEdit

    public init(address: Address, action: Action, before: String?, after: String?, rule: String, severity: Severity, effect: Effect, edit: AnyEdit) {
        self.address = address
        self.action = action
        self.before = before
        self.after = after
        self.rule = rule
        self.severity = severity
        self.effect = effect
        self.edit = edit
    }
}

/// Something the policy requires that the apply will not change.
public struct Finding: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A check failed and the rule has no automatic fix.
        case noncompliant
        /// A check failed under an advisory rule (e.g. boot integrity `preferred`); never fixed.
        case advisory
        /// A host fact does not show what the posture requires.
        case evidence
        /// A step that cannot be observed and that the profile does not attest.
        case manual
        /// The object is outside what hvharden manages (another hypervisor driver).
        case outOfScope = "out-of-scope"
    }

    public var address: Address
    public var kind: Kind
    public var rule: String
    public var severity: Severity
    public var message: String
    public var guidance: String

    public init(address: Address, kind: Kind, rule: String, severity: Severity, message: String, guidance: String) {
        self.address = address
        self.kind = kind
        self.rule = rule
        self.severity = severity
        self.message = message
        self.guidance = guidance
    }
}

/// A failed rule covered by a waiver.
public struct WaivedItem: Hashable, Sendable, Codable {
    public var address: Address
    public var rule: String
    public var reason: String
    public var expires: String
}

/// A running domain that needs a cold boot for its fixed definition to take effect.
public struct PendingRestart: Hashable, Sendable, Codable {
    public var domain: String
    public var rules: [String]
}

/// Counts for the summary line and for pipelines.
public struct PlanSummary: Hashable, Sendable, Codable {
    public var changes: Int
    public var domainsChanged: Int
    public var filesChanged: Int
    /// Host paths whose mode or owner changes.
    public var pathsChanged: Int
    public var findings: Int
    public var waived: Int
    public var pendingRestart: Int

    public init(changes: [Change], findings: [Finding], waived: [WaivedItem], pendingRestart: [PendingRestart]) {
        self.changes = changes.count
        self.domainsChanged = Set(changes.compactMap { $0.address.ref?.kind == DomainResource.kind ? $0.address.ref : nil }).count
        self.filesChanged = Set(changes.compactMap { $0.address.ref?.kind == ConfigFileResource.kind ? $0.address.ref : nil }).count
        self.pathsChanged = Set(changes.compactMap { $0.address.ref?.kind == HostPathResource.kind ? $0.address.ref : nil }).count
        self.findings = findings.count
        self.waived = waived.count
        self.pendingRestart = pendingRestart.count
    }

    enum CodingKeys: String, CodingKey { case changes, domainsChanged, filesChanged, pathsChanged, findings, waived, pendingRestart }

    /// Plans saved before host paths were a kind have no `pathsChanged`: they changed none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        changes = try c.decode(Int.self, forKey: .changes)
        domainsChanged = try c.decode(Int.self, forKey: .domainsChanged)
        filesChanged = try c.decode(Int.self, forKey: .filesChanged)
        pathsChanged = try c.decodeIfPresent(Int.self, forKey: .pathsChanged) ?? 0
        findings = try c.decode(Int.self, forKey: .findings)
        waived = try c.decode(Int.self, forKey: .waived)
        pendingRestart = try c.decode(Int.self, forKey: .pendingRestart)
    }
}
