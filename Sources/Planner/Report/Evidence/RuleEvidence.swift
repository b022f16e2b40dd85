import Compiler

/// What a plan says about each selected rule on each target, for the evidence reports (OSCAL
/// assessment results, the HTML report). Targets and outcomes are `JUnitReport`'s: every QEMU/KVM
/// domain the plan read for domain rules, the checked file for host-file rules, the host for fact
/// and manual rules. A rule with no change, finding or waiver on a target is satisfied there;
/// a manual rule is satisfied only because the profile attests it. Every text is a display value
/// of the plan (secrets already shown as `(sensitive)`); edits are never read.
public struct RuleEvidence: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case satisfied
        /// A manual step the profile attests, with its statement and expiry.
        case attested(statement: String, expires: String?)
        /// Apply would change the target.
        case changes
        /// Unwaived findings remain.
        case findings
        /// It fails, but a waiver covers it until `expires`.
        case waived(reason: String, expires: String)
        /// Not evaluated (host rules on a remote URI).
        case notAssessed(reason: String)

        public var isSatisfied: Bool {
            switch self {
            case .satisfied, .attested: return true
            default: return false
            }
        }
    }

    /// One change or finding behind a failing status.
    public struct Detail: Sendable, Equatable {
        /// Where in the target (an XPath, a config key); nil for the target as a whole.
        public var path: String?
        /// For a change: the value now and the value the rule expects (display values).
        public var before: String?
        public var after: String?
        /// For a finding: its kind, message and what to do.
        public var kind: String?
        public var message: String?
        public var guidance: String?
        public var severity: Severity
    }

    /// One rule on one target.
    public struct Item: Sendable, Equatable {
        public var rule: String
        public var title: String
        public var severity: Severity
        /// False for manual steps (checked by an operator, not by hvharden).
        public var automated: Bool
        /// The rule's SP 800-53 references in OSCAL's form (`ac-6.10`).
        public var controls: [String]
        /// The object (no path): a domain, a file, or the host.
        public var target: Address
        public var status: Status
        public var details: [Detail]
    }

    /// Items by target (domains by name, files by path, the host last), then by rule id.
    public var items: [Item]

    /// The targets in order, each once.
    public var targets: [Address] {
        var seen: Set<Address> = []
        return items.map(\.target).filter { seen.insert($0).inserted }
    }

    public init(plan: Plan, policy: Policy, catalogue: RuleCatalogue = .shipped) {
        var objects: [String: Address] = ["host": .host]
        let addresses = plan.basis.objects.keys.map { Address(ref: $0) } + plan.changes.map(\.address)
            + plan.findings.map(\.address) + plan.waived.map(\.address)
        for address in addresses { objects[address.object] = Address(ref: address.ref) }
        var details: [String: [Detail]] = [:]
        for change in plan.changes {
            details[Self.key(change.rule, change.address.object), default: []].append(Detail(
                path: change.address.path, before: change.before ?? "(absent)", after: change.after ?? "(absent)", severity: change.severity))
        }
        for finding in plan.findings {
            details[Self.key(finding.rule, finding.address.object), default: []].append(Detail(
                path: finding.address.path, kind: finding.kind.rawValue, message: finding.message, guidance: finding.guidance,
                severity: finding.severity))
        }
        var waivers: [String: WaivedItem] = [:]
        for item in plan.waived { waivers[Self.key(item.rule, item.address.object)] = item }
        let attestations = Dictionary(plan.policy.attestations.map { ($0.rule, $0) }, uniquingKeysWith: { first, _ in first })
        let selected = Dictionary(policy.rules.map { ($0.rule.id, $0.rule) }, uniquingKeysWith: { first, _ in first })

        let report = JUnitReport(plan: plan, policy: policy)
        items = report.suites.flatMap { suite in
            suite.cases.map { testCase in
                let key = Self.key(testCase.rule, testCase.target)
                let rule = selected[testCase.rule] ?? catalogue.rule(testCase.rule)
                let found = details[key] ?? []
                let status: Status
                switch testCase.outcome {
                case .passed:
                    if rule?.target == .manual, let attestation = attestations[testCase.rule] {
                        status = .attested(statement: attestation.statement, expires: attestation.expires)
                    } else {
                        status = .satisfied
                    }
                case .failed:
                    status = found.contains { $0.kind == nil } ? .changes : .findings
                case .skipped(let message):
                    if let waiver = waivers[key] {
                        status = .waived(reason: waiver.reason, expires: waiver.expires)
                    } else {
                        status = .notAssessed(reason: message)
                    }
                }
                return Item(
                    rule: testCase.rule, title: rule?.title ?? testCase.rule,
                    severity: rule?.severity ?? found.map(\.severity).max() ?? .medium,
                    automated: rule.map { $0.target != .manual } ?? true,
                    controls: (rule?.references.sp80053 ?? []).map(Self.controlID),
                    target: objects[testCase.target] ?? .host, status: status, details: found)
            }
        }
    }

    /// An SP 800-53 reference in OSCAL's control-id form: `AC-6(10)` is `ac-6.10`, `SC-7` is `sc-7`.
    public static func controlID(_ reference: String) -> String {
        var id = ""
        for character in reference.lowercased() where !character.isWhitespace {
            switch character {
            case "(": id.append(".")
            case ")": break
            default: id.append(character)
            }
        }
        return id
    }

    private static func key(_ rule: String, _ object: String) -> String { rule + "\u{0}" + object }
}
