import Compiler
import Foundation
import XMLKit

/// Accumulates outcomes into the plan's changes, findings, waived items and pending restarts,
/// applying waivers, advisory enforcement and attestations in one place.
struct PlanBuilder {
    let policy: Policy
    let today: Date
    /// The host's name, for waivers scoped to `hosts:`.
    var hostName: String?
    private(set) var changes: [Change] = []
    private(set) var findings: [Finding] = []
    private(set) var waived: [WaivedItem] = []
    private(set) var pending: [PendingRestart] = []

    init(policy: Policy, today: Date, hostName: String? = nil) {
        self.policy = policy
        self.today = today
        self.hostName = hostName
    }

    /// Evaluates one selected rule on one domain definition.
    /// The rule's own check, then its preconditions (`PreconditionEvaluator`).
    static func evaluate(_ selected: SelectedRule, _ context: DomainContext) throws -> Outcome {
        var context = context
        context.parameters = parameters(of: selected, host: PreconditionContext.hostValues(context.facts))
        return try evaluate(selected, prepared: context)
    }

    /// `selected` on `context`, whose `parameters` are already the rule's (`parameters(of:host:)`):
    /// a domain's rules share one context instead of copying it, facts and all, for each.
    static func evaluate(_ selected: SelectedRule, prepared context: DomainContext) throws -> Outcome {
        let outcome: Outcome
        switch selected.rule.check {
        case .evaluator(let e):
            guard let evaluator = EvaluatorRegistry.domain[e.name] else {
                throw PlanError.invalidRule(selected.rule.id, "unknown domain evaluator '\(e.name)'")
            }
            outcome = try evaluator.evaluate(selected.rule, context)
        default:
            outcome = try XMLCheckEvaluator(rule: selected.rule, parameters: context.parameters).evaluate(selected.rule.check, context.document)
        }
        return try PreconditionEvaluator.gate(outcome, rule: selected.rule, PreconditionContext(facts: context.facts, document: context.document))
    }

    /// A rule's parameters with the `$host.…` values (`PreconditionContext.hostValues`) its own
    /// do not set.
    static func parameters(of selected: SelectedRule, host: [String: Value]) -> [String: Value] {
        host.isEmpty ? selected.parameters : selected.parameters.merging(host) { own, _ in own }
    }

    /// Evaluates one selected host-file rule: its check, its preconditions, then the suggestion a
    /// finding carries when the rule has one.
    static func evaluateFile(
        _ selected: SelectedRule, files: [ConfigFile: ObservedFile], units: ObservedUnits = .none, _ factContext: FactContext
    ) throws -> Outcome {
        let rule = selected.rule
        let parameters = Self.parameters(of: selected, host: PreconditionContext.hostValues(factContext.facts))
        let checked = try ConfigCheckEvaluator(rule: rule, parameters: parameters).evaluate(rule.check, files: files, facts: factContext.facts)
        let gated = try PreconditionEvaluator.gate(checked, rule: rule, PreconditionContext(facts: factContext.facts, files: files, units: units))
        let outcome = Self.unparsable(gated, files[Self.kindOf(rule)])
        if let suggestion = rule.suggestion, case .finding(let message) = outcome, case .configValue(let c) = rule.check {
            return .finding(message + "; " + SuggestionCalculator.text(suggestion, key: c.key, factContext))
        }
        return outcome
    }

    mutating func evaluateDomain(_ context: DomainContext, live: XMLDocument?, capabilities: CapabilitySource? = nil) throws {
        var pendingRules: [String] = []
        // Rules by index into `policy.rules`, never copied (see below).
        var noncompliant: [(Outcome, Int)] = []
        let host = PreconditionContext.hostValues(context.facts)
        var context = context
        // Through the buffer: reading an array element copies it (every string of the rule
        // retained and released again), a buffer element is borrowed in place.
        let rules = policy.rules
        try rules.withUnsafeBufferPointer { rules in
            for index in rules.indices where rules[index].rule.target == .domain {
                context.parameters = Self.parameters(of: rules[index], host: host)
                let outcome: Outcome
                do {
                    outcome = try Self.evaluate(rules[index], prepared: context)
                } catch let error as XMLError {
                    throw PlanError.invalidRule(rules[index].rule.id, "on domain '\(context.name)': \(error)")
                }
                if outcome.isNoncompliant {
                    noncompliant.append((outcome, index))
                } else if case .compliant = outcome, let live, rules[index].rule.effect == .nextDomainBoot {
                    var liveContext = context
                    liveContext.document = live
                    if (try? Self.evaluate(rules[index], prepared: liveContext))?.isNoncompliant == true {
                        pendingRules.append(rules[index].rule.id)
                    }
                }
            }
        }
        if let capabilities {
            let gate = CapabilityGate(original: context.document, source: capabilities, nestedHost: context.facts.platform.isVirtualMachine)
            noncompliant = try gate.filter(noncompliant, proposed: { index in
                rules[index].enforcement == .enforce && policy.waiver(for: rules[index].rule.id, domain: context.name, host: hostName, on: today) == nil
            })
        }
        rules.withUnsafeBufferPointer { rules in
            for (outcome, index) in noncompliant {
                record(outcome, rules[index], address: { .domain(context.name, path: $0) }, domain: context.name)
            }
        }
        if !pendingRules.isEmpty {
            pending.append(PendingRestart(domain: context.name, rules: pendingRules))
        }
    }

    mutating func evaluateHost(
        files: [ConfigFile: ObservedFile], paths: ObservedPaths = .none, units: ObservedUnits = .none,
        secrets: ObservedSecrets = .none, factContext: FactContext, hostScopeNote: String?
    ) throws {
        // Kernel command line rules edit the same two variables; each later rule (in id order,
        // the order changes are listed and applied) sees the value the earlier ones produce.
        var files = files
        if hostScopeNote == nil {
            unparsableFiles(files)
            for problem in paths.problems {
                findings.append(Finding(
                    address: .host, kind: .noncompliant, rule: PlannerRules.hostPathsReadable, severity: .medium, message: problem,
                    guidance: "Make the directory readable by the user hvharden runs as (root on a host), then plan again."))
            }
        }
        let serving = ServingDaemons.of(units)
        for selected in policy.rules.flatMap({ ServingDaemons.rules(for: $0, serving: serving) }) where selected.rule.target != .domain {
            let rule = selected.rule
            // Manual steps and the connection's secrets do not need the host's own files.
            if hostScopeNote != nil, rule.target != .manual, rule.target != .libvirtSecret { continue }
            let outcome: Outcome
            switch rule.target {
            case .hostPath:
                guard case .pathMetadata(let check) = rule.check else { throw PlanError.invalidRule(rule.id, "a host-path rule needs a path-metadata check") }
                for (path, outcome) in PathMetadataEvaluator(rule: rule, check: check).evaluate(paths) {
                    record(outcome, selected, address: { Address(ref: HostPathResource.ref(path), path: $0) }, domain: nil)
                }
                continue
            case .hostUnit:
                guard case .systemdSocket(let check) = rule.check else { throw PlanError.invalidRule(rule.id, "a host-unit rule needs a systemd-socket check") }
                for result in SystemdSocketEvaluator(rule: rule, check: check).evaluate(units) {
                    record(result.outcome, selected, address: { _ in result.address }, domain: nil)
                }
                continue
            case .libvirtSecret:
                for result in SecretPrivateEvaluator(rule: rule).evaluate(secrets) {
                    record(result.outcome, selected, address: { _ in result.address }, domain: nil)
                }
                continue
            case .hostFile:
                outcome = try Self.evaluateFile(selected, files: files, units: units, factContext)
            case .hostFact:
                guard case .evaluator(let e) = rule.check, let evaluator = EvaluatorRegistry.fact[e.name] else {
                    throw PlanError.invalidRule(rule.id, "a host-fact rule needs a known fact evaluator")
                }
                var context = factContext
                context.parameters = selected.parameters
                outcome = evaluator.evaluate(rule, context)
            case .manual:
                outcome = policy.attestation(for: rule.id, on: today) == nil
                    ? .finding("manual step not attested in the profile") : .compliant
            case .domain:
                continue
            }
            if outcome.isNoncompliant {
                record(outcome, selected, address: { path in
                    rule.target == .hostFile ? .file(Self.fileOf(rule), key: path) : .host
                }, domain: nil)
            }
            if case .kernelCmdline = rule.check, case .changes(let proposed) = outcome, selected.enforcement == .enforce,
               policy.waiver(for: rule.id, domain: nil, host: hostName, on: today) == nil {
                for p in proposed {
                    guard case .set(let key, let value)? = p.edit.as(FileEdit.self) else { continue }
                    var entry = files[.grub]?.entries[key] ?? ConfigEntry(key: key)
                    entry.present = true
                    entry.value = value
                    files[.grub]?.entries[key] = entry
                }
            }
        }
    }

    /// An outcome on a kind of file that has files its lens does not parse: no change can be
    /// written through the lens, so a change becomes a finding; and when hvharden could not read
    /// the values either, no verdict is possible, so a compliant outcome becomes one too.
    static func unparsable(_ outcome: Outcome, _ file: ObservedFile?) -> Outcome {
        guard let file, !file.unparsable.isEmpty else { return outcome }
        let why = file.unparsable.joined(separator: "; ")
        switch outcome {
        case .changes(let changes):
            return .finding(changes.map(\.problem).joined(separator: "; ") + "; hvharden cannot edit the file, its lens does not parse it: \(why)")
        case .compliant where !file.readWithoutLens:
            return .finding("cannot be judged: the lens does not parse \(why)")
        default:
            return outcome
        }
    }

    /// The kind of file a host-file rule reads.
    static func kindOf(_ rule: Rule) -> ConfigFile {
        switch rule.check {
        case .configValue(let c): return c.file
        case .configList(let c): return c.file
        default: return .grub
        }
    }

    /// One finding per kind of file with files its lens does not parse, naming each with its line.
    mutating func unparsableFiles(_ files: [ConfigFile: ObservedFile]) {
        for kind in files.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let file = files[kind], !file.unparsable.isEmpty else { continue }
            let read = file.readWithoutLens
                ? "hvharden read its keys with its own reader of libvirt's syntax and will not edit it"
                : "the rules that read it cannot be judged and nothing in it is changed"
            findings.append(Finding(
                address: .file(kind.writablePath), kind: .noncompliant, rule: PlannerRules.hostFileParses, severity: .medium,
                message: "\(file.unparsable.joined(separator: "; ")); \(read)",
                guidance: "Rewrite the line in a form the Augeas lens accepts (for qemu.conf, one value where the lens "
                    + "takes no list), or correct the syntax, then plan again."))
        }
    }

    private static func fileOf(_ rule: Rule) -> String {
        switch rule.check {
        case .configValue(let c): return c.file.writablePath
        case .configList(let c): return c.file.writablePath
        default: return ConfigFile.grub.writablePath
        }
    }

    /// Turns a noncompliant outcome into changes, findings or waived items.
    private mutating func record(_ outcome: Outcome, _ selected: SelectedRule, address: (String?) -> Address, domain: String?) {
        let rule = selected.rule
        if let waiver = policy.waiver(for: rule.id, domain: domain, host: hostName, on: today) {
            waived.append(WaivedItem(address: address(nil), rule: rule.id, reason: waiver.reason, expires: waiver.expires))
            return
        }
        switch outcome {
        case .changes(let proposed) where selected.enforcement == .enforce:
            for p in proposed {
                var where_ = address(p.path)
                if let file = p.file { where_ = .file(file, key: p.path) }
                changes.append(Change(
                    address: where_, action: p.action, before: p.before, after: p.after,
                    rule: rule.id, severity: rule.severity, effect: rule.effect, edit: p.edit))
            }
        case .changes(let proposed):
            for p in proposed {
                findings.append(Finding(
                    address: p.file.map { .file($0, key: p.path) } ?? address(p.path), kind: .advisory,
                    rule: rule.id, severity: rule.severity, message: p.problem, guidance: rule.guidance))
            }
        case .finding(let message):
            let kind: Finding.Kind
            switch rule.target {
            case .hostFact: kind = .evidence
            case .manual: kind = .manual
            default: kind = selected.enforcement == .advisory ? .advisory : .noncompliant
            }
            findings.append(Finding(
                address: address(nil), kind: kind, rule: rule.id, severity: rule.severity,
                message: message, guidance: rule.guidance))
        case .compliant, .notApplicable:
            break
        }
    }

    mutating func outOfScope(_ name: String, type: String) {
        findings.append(Finding(
            address: .domain(name), kind: .outOfScope, rule: PlannerRules.domainDriverInScope, severity: .low,
            message: "domain type '\(type)' is not QEMU/KVM; hvharden does not evaluate or edit it",
            guidance: "Exclude the domain in the profile's domains.exclude, or manage it with a tool for its driver."))
    }

    /// Takes over what `other` (the builder of one domain) accumulated, after what this one holds:
    /// merging domains in name order gives the items in the order one sequential pass would.
    mutating func merge(_ other: PlanBuilder) {
        changes += other.changes
        findings += other.findings
        waived += other.waived
        pending += other.pending
    }

    /// The plan, items sorted by address then rule. The items move into the plan and are
    /// sorted in place: with thousands of domains a copy of them is tens of megabytes. The
    /// builder is empty afterwards. `sorted` counts the items at the front already in order
    /// (the domains', `sortMergedDomains`); only those after them are sorted, unless they belong
    /// before some of the front.
    mutating func build(state: HostState, basis: Basis, sorted: ItemCounts = ItemCounts()) -> Plan {
        let serving = ServingDaemons.of(state.units)
        sortItems(after: sorted)
        let plan = Plan(
            profileDigest: policy.digest, profiles: policy.sources, policy: PolicySnapshot(policy), connectURI: state.connectURI, root: state.root,
            changes: take(&changes), findings: take(&findings), waived: take(&waived),
            pendingRestart: take(&pending), basis: basis,
            notes: (state.hostScopeNote.map { [$0] } ?? []) + [ServingDaemons.note(serving)].compactMap { $0 } + Self.fileNotes(state.files),
            libvirtDaemons: state.hostScopeNote == nil ? serving.sorted().map(\.rawValue) : nil)
        return plan
    }

    /// How many items of each kind a builder holds.
    struct ItemCounts {
        var changes = 0, findings = 0, waived = 0, pending = 0
    }

    var counts: ItemCounts { ItemCounts(changes: changes.count, findings: findings.count, waived: waived.count, pending: pending.count) }

    /// Sorts the items by address, then rule. The sort is stable (the standard library's is), so
    /// items with the same address and rule keep the order they were recorded in: each domain's
    /// builder sorts its own on the thread that planned it, and merged domains are put in name
    /// order without reordering anything within one (`sortMergedDomains`), which gives the
    /// order a sequential pass would.
    mutating func sortItems(after sorted: ItemCounts = ItemCounts()) {
        Self.sort(&changes, after: sorted.changes) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        Self.sort(&findings, after: sorted.findings) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        Self.sort(&waived, after: sorted.waived) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        Self.sort(&pending, after: sorted.pending) { $0.domain < $1.domain }
    }

    /// Merged domains' items in name order. Each domain's items are together and sorted already,
    /// so a stable sort by domain name alone gives the full order while comparing names only;
    /// with an item not addressed to a domain the full comparison is made.
    mutating func sortMergedDomains() {
        func name(_ address: Address) -> String? { address.name(of: DomainResource.self) }
        if changes.allSatisfy({ name($0.address) != nil }) {
            changes.sort { name($0.address)! < name($1.address)! }
        } else {
            Self.sort(&changes, after: 0) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        }
        if findings.allSatisfy({ name($0.address) != nil }) {
            findings.sort { name($0.address)! < name($1.address)! }
        } else {
            Self.sort(&findings, after: 0) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        }
        Self.sort(&waived, after: 0) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        pending.sort { $0.domain < $1.domain }
    }

    /// `items` sorted, when its first `start` are in order already: the rest is sorted on its own
    /// and, if its first item belongs before the last of the front, the whole again.
    static func sort<T>(_ items: inout [T], after start: Int, by precedes: (T, T) -> Bool) {
        guard start > 0, start <= items.count else { return items.sort(by: precedes) }
        items[start...].sort(by: precedes)
        if start < items.count, precedes(items[start], items[start - 1]) { items.sort(by: precedes) }
    }

    /// Makes the items' repeated strings share one copy each (`StringInterner`): the same
    /// rule failing on thousands of domains gives the same message, path and values.
    mutating func shareStrings(_ strings: StringInterner) {
        for index in changes.indices {
            changes[index].address.path = strings(changes[index].address.path)
            changes[index].before = strings(changes[index].before)
            changes[index].after = strings(changes[index].after)
            changes[index].edit = changes[index].edit.sharingStrings(strings)
        }
        for index in findings.indices {
            findings[index].address.path = strings(findings[index].address.path)
            findings[index].message = strings(findings[index].message)
        }
    }

    /// What the readers noted about the config files (a key defined twice with different
    /// values, ...), by kind, each once.
    static func fileNotes(_ files: [ConfigFile: ObservedFile]) -> [String] {
        var seen: Set<String> = []
        return files.values.sorted { $0.kind.rawValue < $1.kind.rawValue }.flatMap(\.notes).filter { seen.insert($0).inserted }
    }
}

/// `value`, leaving an empty one behind, so the caller holds the only reference to its storage.
private func take<T: RangeReplaceableCollection>(_ value: inout T) -> T {
    let taken = value
    value = T()
    return taken
}
