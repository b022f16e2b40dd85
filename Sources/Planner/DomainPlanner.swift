import Compiler
import Foundation
import Host

/// Plans one domain on its own: parses its definitions, collects their secrets, evaluates every
/// domain rule, and keeps what the host rules need of it. It holds only values, so several
/// threads can plan different domains with one `DomainPlanner`; each parsed document stays on
/// the thread that made it and is freed when the domain is done.
struct DomainPlanner: Sendable {
    let policy: Policy
    let today: Date
    let facts: HostFacts
    /// Every selected domain's name, for evaluators that compare guests with each other.
    let allDomainNames: [String]

    /// What one domain contributes to the plan.
    struct Planned: Sendable {
        var name: String
        /// SHA-256 of the persistent XML, for the plan's basis.
        var digest: String
        /// The domain's changes, findings, waived items, pending restart and secrets.
        var builder: PlanBuilder
        /// Memory and vCPUs for the aggregate host rules; nil for a domain out of scope.
        var sizing: DomainSizing?
    }

    func plan(_ domain: ObservedDomain) throws -> Planned {
        var builder = PlanBuilder(policy: policy, today: today)
        let digest = Digest.sha256Hex(domain.persistentXML)
        let document = try Self.parse(domain.persistentXML, of: domain.name)
        builder.collectSecrets(document)
        let type = document.root.attribute("type") ?? ""
        guard Planner.managedDomainTypes.contains(type) else {
            builder.outOfScope(domain.name, type: type)
            return Planned(name: domain.name, digest: digest, builder: builder, sizing: nil)
        }
        let live = try domain.liveXML.map { try Self.parse($0, of: domain.name) }
        if let live { builder.collectSecrets(live) }
        let context = DomainContext(
            name: domain.name, document: document, parameters: [:], posture: policy.posture,
            facts: facts, allDomainNames: allDomainNames)
        try builder.evaluateDomain(context, live: live)
        return Planned(name: domain.name, digest: digest, builder: builder, sizing: DomainSizing(name: domain.name, document: document))
    }

    private static func parse(_ xml: String, of name: String) throws -> XMLDocument {
        do {
            return try XMLDocument(string: xml)
        } catch let error as XMLError {
            throw PlanError.malformedDomainXML(name: name, error)
        }
    }
}
