import Compiler
import Foundation
import Testing
@testable import Planner

/// `docs/plan.schema.json` against real output, with the `jsonschema` Python package.
@Suite("Plan JSON schema")
struct RenderSchemaTests {
    @Test("a plan holding every kind of item and every enum case is valid")
    func complete() throws {
        let result = try RenderSchemaValidator.validate(PlanJSONRenderer.render(RenderFixtures.complete))
        #expect(result.valid, "\(result.output)")
    }

    @Test("the lab plan with the baseline profile is valid")
    func lab() throws {
        let result = try RenderSchemaValidator.validate(PlanJSONRenderer.render(RenderLab.plan()))
        #expect(result.valid, "\(result.output)")
    }

    /// Each mutation breaks the format in one way; the schema must notice every one, or it is
    /// too loose to be worth publishing.
    @Test("the schema rejects broken plans", arguments: [
        "extra top-level key", "missing summary", "unknown action", "unknown effect", "unknown finding kind",
        "domain address without domain", "host address with a path", "edit with two kinds", "null before",
        "basis hash not hex", "negative count", "other format version",
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
        case "domain address without domain": changes[0]["address"] = ["kind": "domain", "path": "/domain"]
        case "host address with a path": findings[0]["address"] = ["kind": "host", "path": "/x"]
        case "edit with two kinds": changes[0]["edit"] = ["xmlCreate": ["path": "/a"], "xmlRemove": ["select": "/b"]]
        case "null before": changes[1]["before"] = NSNull()
        case "basis hash not hex": plan["basis"] = ["domains": ["web01": "zz"], "files": [:], "facts": [:]]
        case "negative count":
            var summary = plan["summary"] as! [String: Any]
            summary["changes"] = -1
            plan["summary"] = summary
        case "other format version": plan["formatVersion"] = 2
        default: Issue.record("unknown mutation '\(mutation)'")
        }
        plan["changes"] = changes
        plan["findings"] = findings
        let result = try RenderSchemaValidator.validate(JSONSerialization.data(withJSONObject: plan))
        #expect(!result.valid, "the schema accepted a plan with \(mutation)")
    }

    /// The schema's enums must list exactly the Swift cases, so that a new case cannot ship
    /// without the schema (and its users) hearing of it.
    @Test("enums match the Swift types")
    func enums() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: RenderSchemaValidator.schema)) as? [String: Any])
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
        #expect(try enumAt("address", "properties", "kind") == Set(RenderFixtures.everyAddressKind.map(\.rawValue)))
        #expect(try enumAt("posture", "properties", "platform") == Set(Posture.Platform.allCases.map(\.rawValue)))
        #expect(try enumAt("posture", "properties", "virtualization") == Set(Posture.Virtualization.allCases.map(\.rawValue)))
        #expect(try enumAt("posture", "properties", "bootIntegrity") == Set(Posture.BootIntegrity.allCases.map(\.rawValue)))
        #expect(try enumAt("posture", "properties", "passthrough", "properties", "mode") == Set(PassthroughPolicy.Mode.allCases.map(\.rawValue)))

        // Each Edit case encodes as a one-key object; the schema has one branch per key.
        let branches = try #require((defs["edit"] as? [String: Any])?["oneOf"] as? [[String: Any]])
        let schemaKinds = Set(branches.compactMap { ($0["required"] as? [String])?.first })
        let swiftKinds = try Set(RenderFixtures.everyEdit.map { edit in
            let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(edit)) as? [String: Any])
            return try #require(object.keys.first)
        })
        #expect(schemaKinds == swiftKinds)
    }
}
