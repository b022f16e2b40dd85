import Foundation
import Host
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// The "apply, then plan again, and nothing is left" invariant for one domain, checked the way
/// the Applier works: the plan's domain edits are applied to a parsed copy of the definition
/// (`XMLEditor`), the copy is serialized and parsed again, and the result is planned again.
struct DomainFixtureConvergence {
    let policy: DomainFixturePolicy
    let name: String
    let uuid: String

    /// The first plan, the edited definition (nil when nothing was to change), and the plan of
    /// the edited definition (nil likewise).
    struct Result {
        let name: String
        var first: Plan
        var edited: String?
        var second: Plan?
        /// Changes still proposed for the domain after its edits were applied.
        var left: [Change] { second?.domainChanges(name) ?? [] }
    }

    /// Plans `xml` alone on the policy's host, applies the domain's edits, and plans the result.
    func run(_ xml: String) throws -> Result {
        let first = try policy.plan([domain(xml)])
        guard !first.domainChanges(name).isEmpty else { return Result(name: name, first: first) }
        let edited = try Self.apply(first, domain: name, to: xml)
        let second = try policy.plan([domain(edited)])
        return Result(name: name, first: first, edited: edited, second: second)
    }

    func domain(_ xml: String) -> ObservedDomain {
        ObservedDomain(name: name, uuid: uuid, state: .shutoff, isActive: false, persistentXML: xml)
    }

    /// `xml` with every edit the plan makes to `domain`, in plan order, as text that parses.
    static func apply(_ plan: Plan, domain: String, to xml: String) throws -> String {
        let document = try XMLDocument(string: xml)
        try XMLEditor.apply(plan.domainChanges(domain).map(\.edit), to: document)
        let text = document.serialize()
        _ = try XMLDocument(string: text)
        return text
    }
}

extension Plan {
    /// The changes addressed to domain `name`.
    func domainChanges(_ name: String) -> [Change] {
        changes.filter { $0.address.isDomain && $0.address.domain == name }
    }

    /// The findings addressed to domain `name`.
    func domainFindings(_ name: String) -> [Finding] {
        findings.filter { $0.address.isDomain && $0.address.domain == name }
    }

    /// Everything the plan says about domain `name` (changes, findings, waived, pending), for
    /// checking that an out-of-scope domain gets nothing but its one finding.
    func domainItemCount(_ name: String) -> Int {
        domainChanges(name).count + domainFindings(name).count
            + waived.filter { $0.address.domain == name }.count
            + pendingRestart.filter { $0.domain == name }.count
    }
}

extension Change {
    /// `rule path`, for failure messages.
    var label: String { "\(rule) \(address.path ?? "")" }
}
