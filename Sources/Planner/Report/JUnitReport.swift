import Compiler

/// A plan as test results, for CI systems that read JUnit XML: one test case per selected rule
/// and target, one suite per target.
///
/// Targets are what each rule was evaluated on: every QEMU/KVM domain the plan read for domain
/// rules, the file the rule checks for host-file rules, and the host for fact and manual rules.
/// A case fails when the plan changes or reports an unwaived finding for that rule and target,
/// is skipped when the failure is waived (or host rules were skipped for a remote URI), and
/// passes otherwise. A domain of another hypervisor driver is a failing case of the planner's
/// `domain-driver-in-scope` check. `JUnitRenderer` writes the XML.
public struct JUnitReport: Sendable, Equatable {
    /// What happened to one rule on one target.
    public enum Outcome: Sendable, Equatable {
        case passed
        /// `type` is `change` or the finding kind; `details` has one entry per change or finding
        /// (a finding with its guidance on a second line).
        case failed(message: String, type: String, details: [String])
        case skipped(message: String)
    }

    /// One rule on one target.
    public struct Case: Sendable, Equatable {
        public var rule: String
        /// The target: `domain 'web01'`, `file /etc/libvirt/qemu.conf` or `host`.
        public var target: String
        public var outcome: Outcome
    }

    /// Every case of one target.
    public struct Suite: Sendable, Equatable {
        public var target: String
        public var cases: [Case]

        public var failures: Int { cases.filter { if case .failed = $0.outcome { true } else { false } }.count }
        public var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }
    }

    /// Suites in plan order: domains by name, then files by path, then the host.
    public var suites: [Suite]

    public var tests: Int { suites.reduce(0) { $0 + $1.cases.count } }
    public var failures: Int { suites.reduce(0) { $0 + $1.failures } }
    public var skipped: Int { suites.reduce(0) { $0 + $1.skipped } }

    public init(plan: Plan, policy: Policy) {
        var failed: [Key: (type: String, summaries: [String], lines: [String])] = [:]
        var order: [Key] = []
        func fail(_ key: Key, type: String, summary: String, line: String) {
            if failed[key] == nil { order.append(key) }
            failed[key, default: (type, [], [])].summaries.append(summary)
            failed[key]!.lines.append(line)
        }
        for change in plan.changes {
            fail(Key(change.rule, change.address), type: "change", summary: Self.line(change), line: Self.line(change))
        }
        for finding in plan.findings {
            fail(Key(finding.rule, finding.address), type: finding.kind.rawValue, summary: Self.summary(finding), line: Self.line(finding))
        }
        var waived: [Key: String] = [:]
        for item in plan.waived {
            let key = Key(item.rule, item.address)
            if waived[key] == nil { order.append(key) }
            waived[key] = "waived until \(item.expires): \(PlanTextRenderer.oneLine(item.reason))"
        }

        let outOfScope = Set(plan.findings.filter { $0.kind == .outOfScope }.compactMap { $0.address.name(of: DomainResource.self) })
        let domains = plan.basis.objects.keys.filter { $0.kind == DomainResource.kind }.map(\.name).filter { !outOfScope.contains($0) }.sorted()
        let hostSkip = HostScope.note(connectURI: plan.connectURI, root: plan.root)
        var keys: [Key] = []
        for selected in policy.rules {
            let rule = selected.rule
            switch rule.target {
            case .domain:
                keys += domains.map { Key(rule.id, .domain($0)) }
            case .hostFile:
                let seen = order.filter { $0.rule == rule.id }
                keys += seen.isEmpty ? [Key(rule.id, .file(Self.file(of: rule)))] : seen
            case .hostPath, .hostUnit, .libvirtSecret:
                // One case per path the rule found wrong; a rule that found none passes on the host.
                let seen = order.filter { $0.rule == rule.id }
                keys += seen.isEmpty ? [Key(rule.id, .host)] : seen
            case .hostFact, .manual:
                keys.append(Key(rule.id, .host))
            }
        }
        // Failures and waivers the enumeration did not reach (the planner's own checks).
        let enumerated = Set(keys)
        keys += order.filter { !enumerated.contains($0) }

        var cases: [String: [Case]] = [:]
        var targets: [Address] = []
        for key in Set(keys) {
            let outcome: Outcome
            if let failure = failed[key] {
                outcome = .failed(message: failure.summaries[0] + (failure.lines.count > 1 ? " (and \(failure.lines.count - 1) more)" : ""),
                                  type: failure.type, details: failure.lines)
            } else if let reason = waived[key] {
                outcome = .skipped(message: reason)
            } else if let hostSkip, key.target.ref?.kind != DomainResource.kind, Self.isHostRule(key.rule, policy) {
                outcome = .skipped(message: hostSkip)
            } else {
                outcome = .passed
            }
            if cases[key.target.object] == nil { targets.append(key.target) }
            cases[key.target.object, default: []].append(Case(rule: key.rule, target: key.target.object, outcome: outcome))
        }
        suites = targets.sorted().map { target in
            Suite(target: target.object, cases: cases[target.object]!.sorted { $0.rule < $1.rule })
        }
    }

    /// A rule and the object it was evaluated on (the path inside the object does not count).
    private struct Key: Hashable {
        var rule: String
        var target: Address

        init(_ rule: String, _ address: Address) {
            self.rule = rule
            self.target = Address(ref: address.ref, path: nil)
        }
    }

    private static func isHostRule(_ id: String, _ policy: Policy) -> Bool {
        guard let target = policy.rules.first(where: { $0.rule.id == id })?.rule.target else { return false }
        return target == .hostFile || target == .hostFact
    }

    /// The file a host-file rule reads, as the planner addresses it.
    static func file(of rule: Rule) -> String {
        switch rule.check {
        case .configValue(let c): return c.file.writablePath
        case .configList(let c): return c.file.writablePath
        default: return ConfigFile.grub.writablePath
        }
    }

    static func line(_ change: Change) -> String {
        "\(change.action.marker) \(change.address.path ?? "(the whole \(change.address.object))"): "
            + "\(change.before ?? "(absent)") → \(change.after ?? "(absent)") (\(change.severity.rawValue), \(change.effectPhrase))"
    }

    /// `noncompliant (medium) at PATH: MESSAGE`: the failure's one-line message.
    static func summary(_ finding: Finding) -> String {
        let at = finding.address.path.map { " at \($0)" } ?? ""
        return "\(finding.kind.rawValue) (\(finding.severity.rawValue))\(at): \(finding.message)"
    }

    /// The summary, then what to do on the next line: the failure's text.
    static func line(_ finding: Finding) -> String {
        let guidance = PlanTextRenderer.oneLine(finding.guidance)
        return summary(finding) + (guidance.isEmpty ? "" : "\n  what to do: \(guidance)")
    }
}
