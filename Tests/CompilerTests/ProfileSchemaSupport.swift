import Foundation
import Yams
@testable import Compiler
import TestSupport

/// docs/profile.schema.json for the tests: reading it, the parts generated from the catalogue,
/// profiles as JSON, and validation with Python's jsonschema from `.venv-tools`.
enum ProfileSchema {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let file = repository.appendingPathComponent("docs/profile.schema.json")

    static func load() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: file))
    }

    /// The schema as the repository keeps it: sorted keys, two-space indentation, a final newline.
    static func canonicalText(_ schema: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(schema), as: UTF8.self) + "\n"
    }

    /// `schema` with `definitions.ruleId` and `definitions.ruleValues` made from `catalogue`.
    static func regenerated(_ schema: JSONValue, catalogue: RuleCatalogue = .shipped) -> JSONValue {
        guard case .object(var top) = schema, case .object(var definitions)? = top["definitions"] else { return schema }
        definitions["ruleId"] = ruleID(catalogue)
        definitions["ruleValues"] = ruleValues(catalogue)
        top["definitions"] = .object(definitions)
        return .object(top)
    }

    static func ruleID(_ catalogue: RuleCatalogue) -> JSONValue {
        .object([
            "type": .string("string"),
            "description": .string("A rule id of the catalogue ('hvharden rules' lists them)."),
            "enum": .array(catalogue.ids.sorted().map(JSONValue.string)),
        ])
    }

    /// `rules.values`: each rule with parameters, as `rule: value` (one parameter) or
    /// `rule: {parameter: value}`; a rule without parameters takes no value.
    static func ruleValues(_ catalogue: RuleCatalogue) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for rule in catalogue.rules where !rule.parameters.isEmpty {
            var byName: [String: JSONValue] = [:]
            for parameter in rule.parameters { byName[parameter.name] = schema(of: parameter) }
            let mapping: JSONValue = .object([
                "type": .string("object"), "additionalProperties": .bool(false), "properties": .object(byName),
            ])
            if rule.parameters.count == 1 {
                properties[rule.id] = .object(["description": .string(rule.title), "anyOf": .array([byName.values.first!, mapping])])
            } else {
                properties[rule.id] = .object(["description": .string(rule.title), "allOf": .array([mapping])])
            }
        }
        return .object([
            "type": .array([.string("object"), .string("null")]),
            "description": .string("Refined parameter values, by rule id."),
            "additionalProperties": .bool(false),
            "properties": .object(properties),
        ])
    }

    private static func schema(of parameter: Parameter) -> JSONValue {
        var schema: [String: JSONValue] = ["description": .string(parameter.description)]
        switch parameter.type {
        case .string:
            schema["type"] = .string("string")
            if let allowed = parameter.allowed { schema["enum"] = .array(allowed.map(JSONValue.string)) }
        case .int: schema["type"] = .string("integer")
        case .bool: schema["type"] = .string("boolean")
        case .list:
            // The loader takes any scalar as an item's text.
            schema["type"] = .string("array")
            schema["items"] = .object(["type": .array([.string("string"), .string("number"), .string("boolean")])])
        }
        switch parameter.default {
        case .string(let s): schema["default"] = .string(s)
        case .int(let i): schema["default"] = .number(Double(i))
        case .bool(let b): schema["default"] = .bool(b)
        // Empty lists are left out: Foundation pretty-prints `[]` across three lines.
        case .list(let l) where !l.isEmpty: schema["default"] = .array(l.map(JSONValue.string))
        case .list: break
        }
        return .object(schema)
    }

    /// A YAML profile as the JSON an editor's schema check sees: YAML 1.1 integers, floats,
    /// booleans and nulls become JSON's; everything else (dates too) stays a string.
    static func json(fromYAML text: String) throws -> JSONValue {
        guard let node = try Yams.compose(yaml: text) else { return .null }
        return json(node)
    }

    private static func json(_ node: Node) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = json(value) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .number(Double($0)) } ?? .string(scalar.string)
            case .float: return node.float.map { .number($0) } ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .alias:
            return .null
        }
    }

    /// Why a schema check could not run; never a skip.
    struct ToolMissing: Error, CustomStringConvertible {
        var description: String
    }

    /// Validates each instance against the schema with jsonschema (Draft 7) and returns, per
    /// instance, the violations as `/json/path: message` lines (empty when valid).
    static func violations(_ instances: [JSONValue], schema: URL = file) throws -> [[String]] {
        let python = repository.appendingPathComponent(".venv-tools/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ToolMissing(description: "\(python) is missing: run 'bash scripts/python-tools.sh' to check profiles against docs/profile.schema.json")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("instances.json")
        try JSONEncoder().encode(JSONValue.array(instances)).write(to: input)
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft7Validator.check_schema(schema)
            validator = jsonschema.Draft7Validator(schema)
            out = []
            for instance in json.load(open(sys.argv[2])):
                errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
                out.append(["/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors])
            json.dump(out, open(sys.argv[3], "w"))
            """
        let output = directory.appendingPathComponent("violations.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, schema.path, input.path, output.path]
        let log = directory.appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolMissing(description: "jsonschema failed (exit \(process.terminationStatus)): " + (try String(contentsOf: log, encoding: .utf8)))
        }
        return try JSONDecoder().decode([[String]].self, from: Data(contentsOf: output))
    }
}
