import Compiler
import Host
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Runs the guest evaluators the way the Planner does: a catalogue rule, its resolved
/// parameters (defaults overridden by the test's), and a parsed domain.
enum GuestHarness {
    static let catalogue: RuleCatalogue? = try? Repo.catalogue()

    /// A host every fix precondition holds on: x86_64 with /dev/kvm, AppArmor and swtpm.
    static let host = HostFacts(
        cpu: CPUFacts(architecture: "x86_64"), kvm: KVMFacts(devKVM: true),
        mac: MACFacts(apparmorEnabled: true, apparmorSecurityFS: true),
        software: SoftwareFacts(swtpm: "/usr/bin/swtpm", swtpmSetup: "/usr/bin/swtpm_setup"))

    static func rule(_ id: String) throws -> Rule {
        guard let rule = catalogue?.rule(id) else { throw ExampleError.missing("rule '\(id)' in the catalogue") }
        return rule
    }

    static func evaluate(
        _ rule: Rule, _ xml: String, facts: HostFacts = GuestHarness.host, parameters: [String: Value] = [:]
    ) throws -> Outcome {
        var selected = SelectedRule(rule: rule)
        for (k, v) in parameters { selected.parameters[k] = v }
        let context = DomainContext(name: "t", document: try XMLDocument(string: xml), parameters: [:], posture: Posture(), facts: facts)
        return try PlanBuilder.evaluate(selected, context)
    }

    static func evaluate(
        _ id: String, _ xml: String, facts: HostFacts = GuestHarness.host, parameters: [String: Value] = [:]
    ) throws -> Outcome {
        try evaluate(try rule(id), xml, facts: facts, parameters: parameters)
    }

    /// Applies an outcome's edits and returns the document text and the outcome evaluated again.
    static func fixed(_ id: String, _ xml: String, parameters: [String: Value] = [:]) throws -> (xml: String, after: Outcome) {
        guard case .changes(let changes) = try evaluate(id, xml, parameters: parameters) else {
            throw ExampleError.missing("changes from rule '\(id)'")
        }
        let document = try XMLDocument(string: xml)
        try XMLEditor.apply(changes.map(\.edit), to: document)
        let text = document.serialize()
        return (text, try evaluate(id, text, parameters: parameters))
    }

    /// A minimal KVM domain with `body` inside <domain> after <os>.
    static func domain(_ body: String) -> String {
        "<domain type='kvm'><name>t</name><memory>65536</memory><os><type arch='x86_64'>hvm</type></os>\(body)</domain>"
    }

    /// A minimal KVM domain with `devices` inside <devices>.
    static func devices(_ devices: String) -> String {
        domain("<devices>\(devices)</devices>")
    }
}

extension Outcome {
    var message: String? {
        if case .finding(let m) = self { return m }
        return nil
    }

    var proposed: [ProposedChange] {
        if case .changes(let c) = self { return c }
        return []
    }

    var isNotApplicable: Bool {
        if case .notApplicable = self { return true }
        return false
    }
}
