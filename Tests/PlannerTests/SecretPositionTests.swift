import Compiler
import Foundation
import HostModel
import Testing
@testable import Planner
import TestSupport

/// Secrets are kept out of plans by position (the attribute or key that holds them), never by
/// searching texts for them: a password that equals some other value ("2", "none", "127") must
/// not change any edit or message, and no rendering may carry a password.
@Suite struct SecretPositionTests {
    static let policy = Result { try Compiler.compile(profiles: ["nist-800-125a-baseline"]).policy }

    /// The lab-like host with `secret` as every graphics password and qemu.conf password.
    static func host(_ secret: String) -> InMemoryHost {
        let escaped = secret.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&apos;")
            .replacingOccurrences(of: "<", with: "&lt;")
        let graphics = "<graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0' passwd='\(escaped)'/>"
            + "<graphics type='spice' autoport='yes' listen='0.0.0.0' passwd='\(escaped)'/>"
        var facts = HostFacts()
        facts.cpu.physicalCores = 2
        facts.cpu.logicalCPUs = 4
        return InMemoryHost(
            domains: ["web01": PlannerFakes.domain("web01", devices: graphics), "db01": PlannerFakes.domain("db01", devices: graphics)],
            files: [ConfigFile.qemuConf.writablePath: "vnc_password = \(secret)\nspice_password = \(secret)\nvnc_listen = 0.0.0.0\n"],
            facts: facts)
    }

    /// Everything in a plan but the basis, which fingerprints the objects (and so must differ).
    static func withoutBasis(_ plan: Plan) -> Plan {
        var plan = plan
        plan.basis = Basis()
        return plan
    }

    @Test(arguments: ["2", "1", "0", "none", "127", "127.0.0.1", "0.0.0.0", "kvm", "on", "domain", "/", "'", "a"])
    func aPasswordEqualToAnotherValueChangesNothing(secret: String) throws {
        let policy = try Self.policy.get()
        let reference = try Planner.plan(policy: policy, reader: Self.host("Reference-Secret-Zq81"), today: RenderFixtures.day)
        let plan = try Planner.plan(policy: policy, reader: Self.host(secret), today: RenderFixtures.day)
        #expect(!plan.changes.isEmpty && !plan.findings.isEmpty)
        #expect(Self.withoutBasis(plan) == Self.withoutBasis(reference))
        #expect(plan.changes.map(\.edit) == reference.changes.map(\.edit))
        // The fingerprints still tell the two hosts apart, so a changed password makes a saved plan stale.
        #expect(plan.basis.objects[DomainResource.ref("web01")] != reference.basis.objects[DomainResource.ref("web01")])
    }

    @Test(arguments: 0..<8)
    func noRenderingCarriesAPassword(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed) &+ 0x5EC2E7)
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let secret = "pw" + String((0..<14).map { _ in alphabet.randomElement(using: &generator)! })
        let policy = try Self.policy.get()
        let plan = try Planner.plan(policy: policy, reader: Self.host(secret), today: RenderFixtures.day)
        let renderings: [(String, String)] = [
            ("text", PlanTextRenderer(colour: false).render(plan)),
            ("json", String(decoding: try PlanJSONRenderer.render(plan), as: UTF8.self)),
            ("sarif", String(decoding: try SARIFRenderer(policy: policy, hostName: "h", baseDirectory: "/").render(plan), as: UTF8.self)),
            ("junit", String(decoding: try JUnitRenderer(policy: policy, hostName: "h").render(plan), as: UTF8.self)),
        ]
        for (format, text) in renderings {
            #expect(!text.contains(secret), "the \(format) rendering carries the password")
            #expect(!text.isEmpty)
        }
    }
}
