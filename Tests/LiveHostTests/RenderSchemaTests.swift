import Compiler
import Foundation
import Testing
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

/// `docs/plan.schema.json` against real output, with the `jsonschema` Python package.
@Suite("Plan JSON schema")
struct RenderSchemaTests {
    @Test("a plan holding every kind of item and every enum case is valid")
    func complete() throws {
        let result = try SchemaValidator.validate(PlanJSONRenderer.render(RenderFixtures.complete))
        #expect(result.valid, "\(result.output)")
    }

    @Test("the lab plan with the baseline profile is valid")
    func lab() throws {
        let result = try SchemaValidator.validate(PlanJSONRenderer.render(RenderLab.plan()))
        #expect(result.valid, "\(result.output)")
    }

    /// Each mutation breaks the format in one way; the schema must notice every one, or it is
    /// too loose to be worth publishing.
    @Test("the schema rejects broken plans", arguments: [
        "extra top-level key", "missing summary", "unknown action", "unknown effect", "unknown finding kind",
        "address without an object name", "host address with a path", "edit with two kinds", "null before",
        "basis hash not hex", "negative count", "other format version", "unknown kind of object", "file edit on a domain",
        "file name not absolute",
    ])
    func rejects(mutation: String) throws {
        var plan = try #require(try JSONSerialization.jsonObject(with: PlanJSONRenderer.render(RenderFixtures.complete)) as? [String: Any])
        var changes = plan["changes"] as! [[String: Any]]
        var findings = plan["findings"] as! [[String: Any]]
        switch mutation {
        case "extra top-level key": plan["secret"] = "x"
        case "missing summary": plan["summary"] = nil
        case "unknown action": changes[0]["action"] = "create"
        case "unknown effect": changes[0]["effect"] = "eventually"
        case "unknown finding kind": findings[0]["kind"] = "warning"
        case "address without an object name": changes[0]["address"] = ["ref": ["kind": "domain"], "path": "/domain"]
        case "host address with a path": findings[0]["address"] = ["path": "/x"]
        case "edit with two kinds": changes[0]["edit"] = ["kind": "domain", "edit": ["create": ["path": "/a"], "remove": ["select": "/b"]]]
        case "unknown kind of object": changes[0]["address"] = ["ref": ["kind": "unit", "name": "x.socket"]]
        case "file edit on a domain": changes[0]["edit"] = ["kind": "domain", "edit": ["set": ["key": "k", "value": "v"]]]
        case "file name not absolute": changes[0]["address"] = ["ref": ["kind": "file", "name": "etc/x.conf"]]
        case "null before": changes[1]["before"] = NSNull()
        case "basis hash not hex":
            plan["basis"] = ["objects": [["object": ["kind": "domain", "name": "web01"], "fingerprint": "hmac-sha256:zz"]], "facts": [:]]
        case "negative count":
            var summary = plan["summary"] as! [String: Any]
            summary["changes"] = -1
            plan["summary"] = summary
        case "other format version": plan["formatVersion"] = 1
        default: Issue.record("unknown mutation '\(mutation)'")
        }
        plan["changes"] = changes
        plan["findings"] = findings
        let result = try SchemaValidator.validate(JSONSerialization.data(withJSONObject: plan))
        #expect(!result.valid, "the schema accepted a plan with \(mutation)")
    }

    /// The schema's enums must list exactly the Swift cases, so that a new case cannot ship
    /// without the schema (and its users) hearing of it.
    @Test("enums match the Swift types")
    func enums() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: SchemaValidator.schema)) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        func enumAt(_ path: String...) throws -> Set<String> {
            var node: Any = defs
            for key in path { node = try #require((node as? [String: Any])?[key], "no '\(key)' in \(path)") }
            return Set(try #require((node as? [String: Any])?["enum"] as? [String], "no enum at \(path)"))
        }
        #expect(try enumAt("severity") == Set(Severity.allCases.map(\.rawValue)))
        #expect(try enumAt("change", "properties", "effect") == Set(Effect.allCases.map(\.rawValue)))
        #expect(try enumAt("change", "properties", "action") == Set(RenderFixtures.everyAction.map(\.rawValue)))
        #expect(try enumAt("finding", "properties", "kind") == Set(RenderFixtures.everyFindingKind.map(\.rawValue)))
        let kinds = Set(ResourceKinds.registered.map { $0.kind.rawValue })
        #expect(try enumAt("objectRef", "properties", "kind") == kinds)
        #expect(try enumAt("edit", "properties", "kind") == kinds)
        #expect(try enumAt("posture", "properties", "platform") == Set(Posture.Platform.allCases.map(\.rawValue)))
        #expect(try enumAt("posture", "properties", "virtualization") == Set(Posture.Virtualization.allCases.map(\.rawValue)))
        #expect(try enumAt("posture", "properties", "bootIntegrity") == Set(Posture.BootIntegrity.allCases.map(\.rawValue)))
        #expect(try enumAt("posture", "properties", "passthrough", "properties", "mode") == Set(PassthroughPolicy.Mode.allCases.map(\.rawValue)))

        // Each kind's edit cases encode as one-key objects; the schema has one branch per key.
        let perKind = try #require((defs["edit"] as? [String: Any])?["allOf"] as? [[String: Any]])
        var schemaCases: Set<String> = []
        for branch in perKind {
            let kind = try #require(((branch["if"] as? [String: Any])?["properties"] as? [String: Any])
                .flatMap { ($0["kind"] as? [String: Any])?["const"] as? String })
            // A read-only kind (secrets) has no edit at all.
            if ((branch["then"] as? [String: Any])?["properties"] as? [String: Any])?["edit"] as? Bool == false { continue }
            let oneOf = try #require(((branch["then"] as? [String: Any])?["properties"] as? [String: Any])
                .flatMap { ($0["edit"] as? [String: Any])?["oneOf"] as? [[String: Any]] })
            for option in oneOf { schemaCases.formUnion(((option["required"] as? [String]) ?? []).map { "\(kind).\($0)" }) }
        }
        let swiftCases = try Set(RenderFixtures.everyEdit.map { edit in
            let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(edit)) as? [String: Any])
            let inner = try #require(object["edit"] as? [String: Any])
            return "\(edit.kind).\(try #require(inner.keys.first))"
        })
        #expect(schemaCases == swiftCases)
    }
}
