import Compiler
import Foundation
import Host

/// Planner: turns a `Policy` and an `ObservedState` into a `Plan`.
///
/// Evaluation is a pure function of values: each selected domain's persistent XML is parsed once
/// and every domain rule is evaluated on it; host-file rules read the observed config entries;
/// fact rules read the host facts. Noncompliant results become changes (the rule's minimal fix),
/// findings (no fix, advisory rule, host evidence, manual step) or waived items. A running domain
/// whose persistent definition complies but whose live one does not is "pending restart".
public enum Planner {
    /// Domain types hvharden manages; other drivers' domains are reported as out of scope.
    public static let managedDomainTypes: Set<String> = ["kvm", "qemu"]

    public static func plan(policy: Policy, state: ObservedState, today: Date = Date()) throws -> Plan {
        var builder = PlanBuilder(policy: policy, today: today)
        var parsed: [(name: String, document: XMLDocument)] = []
        var basis = Basis()

        for domain in state.domains.sorted(by: { $0.name < $1.name }) {
            basis.domains[domain.name] = Digest.sha256Hex(domain.persistentXML)
            let document: XMLDocument
            do {
                document = try XMLDocument(string: domain.persistentXML)
            } catch let error as XMLError {
                throw PlanError.malformedDomainXML(name: domain.name, error)
            }
            builder.collectSecrets(document)
            let type = document.root.attribute("type") ?? ""
            guard managedDomainTypes.contains(type) else {
                builder.outOfScope(domain.name, type: type)
                continue
            }
            parsed.append((domain.name, document))
            let live = try domain.liveXML.map { xml in
                do { return try XMLDocument(string: xml) } catch let error as XMLError {
                    throw PlanError.malformedDomainXML(name: domain.name, error)
                }
            }
            if let live { builder.collectSecrets(live) }
            let context = DomainContext(
                name: domain.name, document: document, parameters: [:], posture: policy.posture,
                facts: state.facts, allDomainNames: state.domains.map(\.name))
            try builder.evaluateDomain(context, live: live)
        }

        for (kind, file) in state.files {
            _ = kind
            for (path, hash) in file.fingerprints { basis.files[path] = hash }
        }
        basis.facts = state.hostScopeNote == nil ? FactFingerprint.flatten(state.facts) : [:]

        let factContext = FactContext(facts: state.facts, posture: policy.posture, parameters: [:], domains: parsed)
        try builder.evaluateHost(files: state.files, factContext: factContext, hostScopeNote: state.hostScopeNote)

        return builder.build(state: state, basis: basis)
    }
}
