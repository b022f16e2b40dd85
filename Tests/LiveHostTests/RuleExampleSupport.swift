import Compiler
import Foundation
import Host
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Locations in the repository, found from this file.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The catalogue as it is on disk (not the embedded copy), so edits are tested at once.
    static func catalogue() throws -> RuleCatalogue {
        let dir = root.appendingPathComponent("catalogue")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try RuleCatalogue(files: names.map { ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)) })
    }
}

/// Runs one rule on one example input, the way the Planner would on a real host.
struct ExampleRunner {
    let rule: Rule

    /// The posture an example is evaluated under: its own, or the default posture moved into
    /// the rule's condition.
    func posture(_ example: RuleExample) -> Posture {
        if let p = example.posture { return p }
        var p = Posture()
        let c = rule.appliesWhen
        if let v = c.platform, !v.contains(p.platform) { p.platform = v[0] }
        if let v = c.virtualization, !v.contains(p.virtualization) { p.virtualization = v[0] }
        if let v = c.bootIntegrity, !v.contains(p.bootIntegrity) { p.bootIntegrity = v[0] }
        if let v = c.passthrough, !v.contains(p.passthrough.mode) { p.passthrough.mode = v[0] }
        return p
    }

    func selected(_ example: RuleExample) -> SelectedRule {
        var s = SelectedRule(rule: rule)
        for (k, v) in example.parameters ?? [:] { s.parameters[k] = v }
        return s
    }

    static func facts(_ partial: JSONValue?) throws -> HostFacts {
        let empty = HostFactsReader(root: "/nonexistent-hvharden-root").read()
        guard let partial else { return empty }
        let base = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(empty))
        return try JSONDecoder().decode(HostFacts.self, from: JSONEncoder().encode(base.merging(partial)))
    }

    /// Evaluates the example; for a fixable noncompliant one also returns the outcome after
    /// applying the proposed edits (in memory for XML, through Augeas in a temp root for files).
    func run(_ example: RuleExample) throws -> (before: Outcome, after: Outcome?) {
        let posture = posture(example)
        let selected = selected(example)
        let facts = try Self.facts(example.facts)
        switch rule.target {
        case .domain:
            guard let xml = example.xml else { throw ExampleError.missing("xml") }
            let document = try XMLDocument(string: xml)
            let context = DomainContext(
                name: "example", document: document, parameters: [:], posture: posture, facts: facts,
                files: try domainFiles(example))
            let before = try PlanBuilder.evaluate(selected, context)
            guard case .changes(let changes) = before else { return (before, nil) }
            try XMLEditor.apply(changes.map(\.edit), to: document)
            let reparsed = try XMLDocument(string: document.serialize())
            var after = context
            after.document = reparsed
            return (before, try PlanBuilder.evaluate(selected, after))
        case .hostFile:
            let root = try TempRoot()
            defer { root.remove() }
            if let text = example.file {
                try root.write(text, to: targetPath())
            }
            let query = ConfigQuery(rules: [rule])
            let files = try ConfigReader(root: root.path).read(query)
            let domains = try example.xml.map { [("example", try XMLDocument(string: $0))] } ?? []
            let factContext = FactContext(facts: facts, posture: posture, parameters: [:], domains: domains)
            let before = try PlanBuilder.evaluateFile(selected, files: files, factContext)
            guard case .changes(let changes) = before else { return (before, nil) }
            try ConfigFileWriter.write(changes.map { Change(
                address: .file($0.file ?? ConfigFileWriter.defaultFile(of: rule), key: $0.path), action: $0.action, before: $0.before, after: $0.after,
                rule: rule.id, severity: rule.severity, effect: rule.effect, edit: $0.edit) }, root: root.path)
            let reread = try ConfigReader(root: root.path).read(query)
            return (before, try PlanBuilder.evaluateFile(selected, files: reread, factContext))
        case .hostFact:
            guard case .evaluator(let e) = rule.check, let evaluator = EvaluatorRegistry.fact[e.name] else {
                throw ExampleError.missing("a registered fact evaluator")
            }
            let domains = try example.xml.map { [("example", try XMLDocument(string: $0))] } ?? []
            let context = FactContext(facts: facts, posture: posture, parameters: selected.parameters, domains: domains)
            return (evaluator.evaluate(rule, context), nil)
        case .hostPath:
            return try runPaths(example, selected: selected)
        case .hostUnit:
            return try runUnits(example)
        case .libvirtSecret:
            return try runSecrets(example)
        case .manual:
            let attestations = example.attested == true ? [Attestation(rule: rule.id, statement: "example")] : []
            let policy = Policy(posture: posture, domains: DomainSelector(), rules: [selected], attestations: attestations)
            let plan = try Planner.plan(policy: policy, reader: ObservedState(connectURI: "test:///", root: "/", domains: [], files: [:], facts: facts))
            return (plan.findings.isEmpty ? .compliant : .finding(plan.findings[0].message), nil)
        }
    }

    /// The host files a domain example describes: its `file` as the first config file the rule's
    /// evaluator reads (qemu.conf for graphics-auth), read through Augeas in a temp root.
    func domainFiles(_ example: RuleExample) throws -> [ConfigFile: ObservedFile] {
        guard let text = example.file else { return [:] }
        guard case .evaluator(let e) = rule.check, let file = EvaluatorRegistry.domainConfigKeys[e.name]?.keys.first else {
            throw ExampleError.missing("an evaluator that reads a host file")
        }
        let root = try TempRoot()
        defer { root.remove() }
        try root.write(text, to: file.writablePath)
        return try ConfigReader(root: root.path).read(ConfigQuery(rules: [rule]))
    }

    /// The host file an example's text is written to.
    func targetPath() -> String {
        switch rule.check {
        // A kind with a main file (systemd-coredump's) gets the example there, as a host has it.
        case .configValue(let c): return c.file.leadingFile ?? c.file.writablePath
        case .configList(let c): return c.file.leadingFile ?? c.file.writablePath
        default: return ConfigFile.grub.writablePath
        }
    }
}

enum ExampleError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self {
        case .missing(let what): return "example lacks \(what)"
        }
    }
}

/// A temporary root directory for Augeas, removed by the test.
struct TempRoot {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hvharden-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ text: String, to hostPath: String) throws {
        let url = URL(fileURLWithPath: path + hostPath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
