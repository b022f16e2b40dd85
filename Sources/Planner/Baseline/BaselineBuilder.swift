import Compiler
import Foundation
import XMLKit

/// Makes a `Baseline` from hosts: derives the strongest common posture, compiles it (with the
/// parent profile) exactly as the generated profile will compile, evaluates every selected
/// host-fact rule on each host with the Planner's own evaluators, and turns each failure into a
/// dated waiver for that host. Finally the generated profiles are compiled once more, so a
/// profile that would not validate is an error here, never a file on disk.
///
/// What "passes" means: every host-fact rule (target `host-fact`) is compliant, not applicable or
/// waived on each host. Host-file rules are fixed by `apply`, domain rules judge the host's own
/// guests, and manual rules need a person's attestation, so none of those is waived.
public enum BaselineBuilder {
    public static func build(hosts: [BaselineHost], options: BaselineOptions) throws(BaselineError) -> Baseline {
        try check(hosts, options)
        let parentIsFile = options.extends.map { FileManager.default.fileExists(atPath: $0) } ?? false
        // The parent as the generated text checked in memory must name it: a file by its absolute path.
        let parentForCheck = options.extends.map {
            parentIsFile ? URL(fileURLWithPath: $0).standardizedFileURL.path : $0
        }
        let selector = try parentSelector(options)
        let inputs = try hosts.map { host throws(BaselineError) in try parse(host, selector: selector) }
        var baseline = Baseline(
            name: options.name, day: BaselineDay.string(options.today), extends: options.extends,
            extendsIsFile: parentIsFile, posture: BaselinePosture(hosts: inputs), hosts: [])

        var check = BaselineCheck(today: options.today)
        let text = BaselineProfileText(baseline: baseline)
        let policy = try check.compile("\(options.name).yaml", text.shared(extends: parentForCheck), generated: options.name)

        let expires = BaselineDay.string(options.today, plus: options.waiverDays)
        baseline.hosts = inputs.map { input in
            Baseline.HostWaivers(
                name: input.host.name, origin: input.host.origin, domainsKnown: input.domains != nil,
                waivers: waivers(input, policy: policy, today: options.today, expires: expires))
        }

        // The self-check: each host's profile, and the single-host variant with embedded waivers.
        let checked = BaselineProfileText(baseline: baseline)
        for host in baseline.hosts {
            _ = try check.compile("hosts/\(host.name).yaml", checked.host(host, extends: "../\(options.name).yaml"), generated: host.name)
        }
        if baseline.hosts.count == 1 {
            _ = try check.compile("single/\(options.name).yaml", checked.shared(extends: parentForCheck, waivers: baseline.hosts[0].waivers),
                                  generated: options.name)
        }
        return baseline
    }

    private static func check(_ hosts: [BaselineHost], _ options: BaselineOptions) throws(BaselineError) {
        guard !hosts.isEmpty else { throw .noHosts }
        guard (1...3650).contains(options.waiverDays) else { throw .invalidWaiverDays(options.waiverDays) }
        guard BaselineHost.isValidName(options.name) else { throw .invalidProfileName(options.name) }
        var seen: [String: String] = [:]
        for host in hosts {
            if let first = seen[host.name] { throw .duplicateHost(host.name, first: first, second: host.origin) }
            seen[host.name] = host.origin
        }
    }

    /// The domains the parent profile selects (all of them without a parent).
    private static func parentSelector(_ options: BaselineOptions) throws(BaselineError) -> DomainSelector {
        guard let parent = options.extends else { return DomainSelector() }
        do {
            return try Compiler.compile(profiles: [parent], today: options.today).policy.domains
        } catch {
            throw .parent(parent, error)
        }
    }

    /// The host with the QEMU/KVM domains the policy selects parsed, as `Planner.plan` sees them.
    private static func parse(_ host: BaselineHost, selector: DomainSelector) throws(BaselineError) -> BaselineInputHost {
        guard let domains = host.domains else { return BaselineInputHost(host: host, domains: nil) }
        var parsed: [(name: String, document: XMLDocument)] = []
        for domain in domains where selector.selects(domain.name) {
            let document: XMLDocument
            do {
                document = try XMLDocument(string: domain.xml)
            } catch {
                throw .malformedDomainXML(host: host.name, domain: domain.name, "\(error)")
            }
            guard Planner.managedDomainTypes.contains(document.root.attribute("type") ?? "") else { continue }
            parsed.append((domain.name, document))
        }
        return BaselineInputHost(host: host, domains: parsed)
    }

    /// A waiver for each selected host-fact rule that fails on the host and is not waived yet.
    static func waivers(_ input: BaselineInputHost, policy: Policy, today: Date, expires: String) -> [Waiver] {
        var context = FactContext(facts: input.host.facts, posture: policy.posture, parameters: [:], summaries: input.summaries)
        var waivers: [Waiver] = []
        for selected in policy.rules where selected.rule.target == .hostFact {
            guard case .evaluator(let named) = selected.rule.check, let evaluator = EvaluatorRegistry.fact[named.name] else { continue }
            context.parameters = selected.parameters
            let outcome = evaluator.evaluate(selected.rule, context)
            guard outcome.isNoncompliant, policy.waiver(for: selected.rule.id, domain: nil, on: today) == nil else { continue }
            let gap: String
            switch outcome {
            case .finding(let message): gap = message
            case .changes(let proposed): gap = proposed.map(\.problem).joined(separator: "; ")
            case .compliant, .notApplicable: continue
            }
            waivers.append(Waiver(
                rule: selected.rule.id,
                reason: "host '\(input.host.name)' does not meet this yet: \(gap)",
                expires: expires))
        }
        return waivers
    }
}
