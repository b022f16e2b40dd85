import Compiler
import Foundation
import Testing
import Host
@testable import Planner
@testable import LiveHost
import LiveTestSupport
import TestSupport

/// The read-only secret kind: the secret driver of the real libvirtd, the definition files
/// under a sandbox root, and the two merged. Secrets made here have unique usages and are
/// undefined again even when an expectation fails.
@Suite struct SecretKindTests {
    static let uri = "qemu:///system"

    static func rule() throws -> Rule {
        try #require(try Repo.catalogue().rules.first { $0.id == "libvirt-secret-private" })
    }

    /// A policy of the secret rule alone, selecting no domain.
    static func policy() throws -> Policy {
        Policy(posture: Posture(), domains: DomainSelector(include: []), rules: [SelectedRule(rule: try rule())])
    }

    static func volumeSecret(_ path: String, private isPrivate: Bool?) -> String {
        let attribute = isPrivate.map { " private='\($0 ? "yes" : "no")'" } ?? ""
        return "<secret ephemeral='no'\(attribute)><usage type='volume'><volume>\(path)</volume></usage></secret>"
    }

    @Test(.tags(.daemon), .enabled(if: DaemonTests.wanted, DaemonTests.skipped))
    func aSecretReadableThroughTheDaemonIsAFindingNamingIt() throws {
        let sandbox = try DaemonSandbox()
        let connection = sandbox.connection
        let unique = "/var/lib/hvharden-test/secret-\(UUID().uuidString)"
        let open = try connection.defineSecret(xml: Self.volumeSecret(unique + "-open.img", private: nil))
        defer { #expect(throws: Never.self) { try connection.undefineSecret(uuid: open) } }
        let closed = try connection.defineSecret(xml: Self.volumeSecret(unique + "-closed.img", private: true))
        defer { #expect(throws: Never.self) { try connection.undefineSecret(uuid: closed) } }

        // The sandbox's root has no /etc/libvirt/secrets: what is seen comes from the driver.
        let reader = LiveStateReader(connectURI: Self.uri, root: sandbox.box.root, key: TestKey.key)
        let observed = reader.readSecrets(includingFiles: true)
        #expect(observed.problems.isEmpty, "\(observed.problems)")
        #expect(observed.secrets[open]?.isPrivate == false)
        #expect(observed.secrets[open]?.usage == "volume \(unique)-open.img")
        #expect(observed.secrets[open]?.seenIn == ["the secret driver"])
        #expect(observed.secrets[closed]?.isPrivate == true)

        let plan = try Planner.plan(policy: Self.policy(), reader: reader)
        let named = plan.findings.filter { $0.rule == "libvirt-secret-private" }.compactMap { $0.address.name(of: SecretResource.self) }
        #expect(named.contains(open), "\(plan.findings.map(\.message))")
        #expect(!named.contains(closed))
        #expect(plan.changes.isEmpty)
    }

    @Test func theTestDriverHasNoSecretStoreAndThatIsNotAProblem() throws {
        let root = try TempRoot()
        defer { root.remove() }
        let observed = LiveStateReader(connectURI: "test:///default", root: root.path, key: TestKey.key).readSecrets(includingFiles: true)
        #expect(observed == .none)
    }

    @Test func aFileThatSaysOtherwiseMakesTheSecretNotPrivate() throws {
        let root = try TempRoot()
        defer { root.remove() }
        let uuid = "3f1e2d4c-5b6a-4789-9abc-def012345678"
        try root.write("<secret ephemeral='no' private='no'><uuid>\(uuid)</uuid><usage type='tls'><name>migration</name></usage></secret>\n",
                       to: "/etc/libvirt/secrets/\(uuid).xml")
        var observed = ObservedSecrets()
        observed.add(ObservedSecret(uuid: uuid, usageType: "tls", isPrivate: true, seenIn: ["the secret driver"]))
        SecretReader(root: root.path).readFiles(into: &observed)
        let merged = try #require(observed.secrets[uuid])
        #expect(!merged.isPrivate)
        #expect(merged.usage == "tls migration")
        #expect(merged.seenIn == ["the secret driver", "/etc/libvirt/secrets/\(uuid).xml"])
    }

    @Test func aRemoteHostsSecretsAreJudgedFromItsDriverWithoutLocalFiles() throws {
        var state = ObservedState(connectURI: "qemu+ssh://elsewhere/system", root: "/", domains: [], files: [:],
                                  facts: try ExampleRunner.facts(nil), hostScopeNote: "remote")
        state.secrets.add(ObservedSecret(uuid: "u-1", usageType: "ceph", usageID: "client.x", isPrivate: false, seenIn: ["the secret driver"]))
        let plan = try Planner.plan(policy: Self.policy(), reader: state)
        #expect(plan.findings.map { $0.address.name(of: SecretResource.self) } == ["u-1"])
    }

    @Test func aSecretEditNeverDecodes() throws {
        let json = Data(#"{"kind":"secret","edit":{"setPrivate":{}}}"#.utf8)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(AnyEdit.self, from: json) }
    }
}
