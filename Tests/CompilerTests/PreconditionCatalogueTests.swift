import Foundation
import Testing
@testable import Compiler
import TestSupport

/// Preconditions are catalogue data: the loader validates them and `explain` shows them.
@Suite struct PreconditionCatalogueTests {
    static func rule(_ extra: String, target: String = "domain", fix: String = "  fix: {action: set, value: kvm}\n") -> String {
        """
        - id: x
          title: t
          severity: low
          rationale: r
          references: {function: HY-BF1, topic: B1-1}
          target: \(target)
          check: {kind: xml-value, path: /domain, attribute: type, allowed: [kvm]}
        \(fix)\(extra)  effect: next-domain-boot
          guidance: g
          examples: {compliant: [], noncompliant: []}
        """
    }

    static func messages(_ yaml: String) -> [String] {
        do {
            _ = try RuleCatalogue(files: [("p.yaml", yaml)])
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.message)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aValidPreconditionLoads() throws {
        let catalogue = try RuleCatalogue(files: [("p.yaml", Self.rule("  preconditions: [{kind: kvm-device}]\n"))])
        #expect(catalogue.rule("x")?.preconditions == [Precondition(kind: .kvmDevice)])
    }

    @Test func mistakesAreReported() {
        #expect(Self.messages(Self.rule("  preconditions: [{kind: kvm-present}]\n")).contains { $0.contains("unknown precondition kind 'kvm-present'") })
        #expect(Self.messages(Self.rule("  preconditions: [{kind: kvm-device, unless: x}]\n")).contains("unknown key 'unless'"))
        #expect(Self.messages(Self.rule("  preconditions: [{kind: guest-arch}]\n")).contains { $0.contains("needs a non-empty 'allowed' list") })
        #expect(Self.messages(Self.rule("  preconditions: [{kind: config-key, allowed: [root]}]\n")).contains { $0.contains("reads a host file") })
        #expect(Self.messages(Self.rule("  preconditions: [{kind: kvm-device}]\n", fix: "")).contains { $0.contains("withholds a fix") })
        #expect(Self.messages(Self.rule("  preconditions: [{kind: kvm-device, unmet: finding}]\n", fix: "")).isEmpty)
        #expect(Self.messages(Self.rule("", fix: "  fix: {action: set, value: $host.arch}\n")).contains { $0.contains("unknown host value '$host.arch'") })
    }

    @Test(arguments: [
        "qemu-security-driver-enabled", "domain-type-kvm", "domain-vmport-off", "domain-machine-q35",
        "domain-memballoon-none", "libvirtd-auth-unix-rw", "grub-lockdown-integrity", "grub-module-sig-enforce", "domain-vtpm",
    ])
    func explainShowsThePreconditions(_ id: String) throws {
        let rule = try #require(RuleCatalogue.shipped.rule(id))
        #expect(!rule.preconditions.isEmpty)
        let text = RuleExplanation.text(rule)
        #expect(text.contains("\nPreconditions\n"))
        for p in rule.preconditions { #expect(text.contains("  \(p.kind.rawValue) (\(p.unmet.rawValue))")) }
    }

    @Test func explainShowsTheSuggestionAndTheStrongerLockdown() throws {
        let processes = RuleExplanation.text(try #require(RuleCatalogue.shipped.rule("qemu-max-processes")))
        #expect(processes.contains("No automatic fix") && processes.contains("rounded up"))
        let lockdown = RuleExplanation.text(try #require(RuleCatalogue.shipped.rule("grub-lockdown-integrity")))
        #expect(lockdown.contains("lockdown=confidentiality also satisfies lockdown=integrity"))
        let driver = RuleExplanation.text(try #require(RuleCatalogue.shipped.rule("qemu-security-driver-enabled")))
        #expect(driver.contains("the MAC driver the host enforces"))
    }
}
