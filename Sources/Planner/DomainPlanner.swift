import Compiler
import Foundation
import HostModel
import XMLKit

/// Plans one domain on its own: parses its definitions, evaluates every
/// domain rule, and keeps what the host rules need of it. It holds only values, so several
/// threads can plan different domains with one `DomainPlanner`; each parsed document stays on
/// the thread that made it and is freed when the domain is done.
struct DomainPlanner: Sendable {
    let policy: Policy
    let today: Date
    let facts: HostFacts
    /// The host config files domain evaluators read; empty when none were read.
    var files: [ConfigFile: ObservedFile] = [:]
    let capabilities: CapabilitySource
    let hostName: String?
    /// Each rule's parameters with the host's values (`PlanBuilder.parameters(of:host:)`), by
    /// index into `policy.rules`: the same for every domain, so worked out once.
    let ruleParameters: [[String: Value]]

    init(policy: Policy, today: Date, facts: HostFacts, capabilities: @escaping CapabilitySource, hostName: String?) {
        self.policy = policy
        self.today = today
        self.facts = facts
        self.capabilities = capabilities
        self.hostName = hostName
        let host = PreconditionContext.hostValues(facts)
        ruleParameters = policy.rules.map { PlanBuilder.parameters(of: $0, host: host) }
    }

    /// What one domain contributes to the plan.
    struct Planned: Sendable {
        var name: String
        /// The persistent XML's fingerprint, for the plan's basis.
        var fingerprint: Fingerprint
        /// The domain's changes, findings, waived items and pending restart.
        var builder: PlanBuilder
        /// What the host rules read of the domain; nil for a domain out of scope.
        var summary: DomainSummary?
    }

    /// `strings` shares the items' repeated strings with earlier domains' (one per thread).
    func plan(_ domain: ObservedDomain, strings: StringInterner) throws -> Planned {
        var builder = PlanBuilder(policy: policy, today: today, hostName: hostName)
        let document = try Self.parse(domain.persistentXML, of: domain.name)
        let type = document.root.attribute("type") ?? ""
        guard Planner.managedDomainTypes.contains(type) else {
            builder.outOfScope(domain.name, type: type)
            return Planned(name: domain.name, fingerprint: domain.fingerprint, builder: builder, summary: nil)
        }
        let live = try domain.liveXML.map { try Self.parse($0, of: domain.name) }
        let context = DomainContext(
            name: domain.name, document: document, parameters: [:], posture: policy.posture,
            facts: facts, files: files)
        try builder.evaluateDomain(context, live: live, capabilities: capabilities, parameters: ruleParameters)
        builder.shareStrings(strings)
        builder.sortItems()
        return Planned(name: domain.name, fingerprint: domain.fingerprint, builder: builder, summary: DomainSummary(name: domain.name, document: document, live: live))
    }

    private static func parse(_ xml: String, of name: String) throws -> XMLDocument {
        do {
            return try XMLDocument(string: xml)
        } catch let error as XMLError {
            throw PlanError.malformedDomainXML(name: name, error)
        }
    }
}
