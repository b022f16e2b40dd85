import Foundation
import Host
@testable import Planner
import Testing
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// The "apply, then plan again, and nothing is left" invariant for every domain of the lab
/// (examples/lab/node.xml), end to end through libvirt's test driver: the live reader reads the
/// lab, each domain's edits are applied in memory and defined back (with schema validation) on
/// the same connection, which keeps its changes, and the reader and planner run again.
@Suite struct LabInvariantTests {
    static let nodeURI = "test://" + Repo.root.appendingPathComponent("examples/lab/node.xml").path

    @Test(arguments: try DomainFixturePolicy.all())
    func applyingTheLabPlanLeavesNothingToChange(_ policy: DomainFixturePolicy) throws {
        let connection = try LibvirtConnection(uri: Self.nodeURI)
        defer { connection.close() }
        let reader = LiveStateReader(connectURI: Self.nodeURI, root: DomainFixturePolicy.labRoot, key: TestKey.key)
        let state = try reader.withConnection(connection).read(policy: policy.policy)
        #expect(state.domains.count >= 4, "the lab has \(state.domains.map(\.name))")
        let first = try Planner.plan(policy: policy.policy, reader: state, today: DomainFixturePolicy.day)

        var edited: [String] = []
        for domain in state.domains where !first.domainChanges(domain.name).isEmpty {
            for change in first.domainChanges(domain.name) {
                let filled = LibvirtDefaultsOwnership.libvirtFilledValue(in: change)
                #expect(filled == nil, "'\(domain.name)' under \(policy.label): '\(change.rule)' changes \(filled ?? "")")
            }
            let xml = try DomainFixtureConvergence.apply(first, domain: domain.name, to: domain.persistentXML)
            let schema = try DomainFixtureSchema.validate(xml, label: "\(domain.name) edited under \(policy.label)")
            #expect(schema.valid, "'\(domain.name)' under \(policy.label): the edited definition breaks libvirt's schema:\n\(schema.output)")
            _ = try connection.define(xml: xml, validate: true)
            edited.append(domain.name)
        }
        // The lab is insecure on purpose: something must have been edited, or the test proves nothing.
        #expect(edited.contains("web01") && edited.contains("db01"), "edited: \(edited)")

        let again = try Planner.plan(
            policy: policy.policy, reader: try reader.withConnection(connection).read(policy: policy.policy),
            today: DomainFixturePolicy.day)
        let left = again.changes.filter { $0.address.isDomain }
        #expect(left.isEmpty, "under \(policy.label), still to change: \(left.map { "\($0.address.domain ?? "") \($0.label)" })")
        // Running domains wait for a cold boot for what was fixed in their definition.
        let running = state.domains.filter { $0.isActive && edited.contains($0.name) }.map(\.name)
        #expect(Set(again.pendingRestart.map(\.domain)).isSuperset(of: running))
        // Fixing never raises a finding the first plan did not have.
        let before = Set(first.findings.map { "\($0.address) \($0.rule)" } + first.changes.map { "\($0.address.object) \($0.rule)" })
        let raised = again.findings.filter { $0.address.isDomain }
            .filter { !before.contains("\($0.address) \($0.rule)") && !before.contains("\($0.address.object) \($0.rule)") }
        #expect(raised.isEmpty, "under \(policy.label), new findings: \(raised.map { "\($0.address) \($0.rule)" })")
    }
}
