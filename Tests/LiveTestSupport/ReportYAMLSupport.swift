import Compiler
import Yams
@testable import LiveHost
import TestSupport
import Digests

/// YAML read back with Yams into the JSON value it denotes, by each node's resolved tag: what a
/// configuration tool loading hvharden's YAML would see.
public enum ReportYAML {
    public struct NotYAMLValue: Error, CustomStringConvertible {
        public var description: String
    }

    public static func value(_ text: String) throws -> JSONValue {
        guard let node = try Yams.compose(yaml: text) else { return .null }
        return try value(node)
    }

    public static func value(_ node: Node) throws -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .string(let name) = try self.value(key) else { throw NotYAMLValue(description: "a non-string key \(key)") }
                object[name] = try self.value(value)
            }
            return .object(object)
        case .sequence(let sequence):
            return .array(try sequence.map(value))
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return .bool(try node.bool ?? { throw NotYAMLValue(description: scalar.string) }())
            case Tag.Name.int.rawValue: return .number(Double(try node.int ?? { throw NotYAMLValue(description: scalar.string) }()))
            case Tag.Name.float.rawValue: return .number(try node.float ?? { throw NotYAMLValue(description: scalar.string) }())
            case Tag.Name.str.rawValue: return .string(scalar.string)
            default: throw NotYAMLValue(description: "'\(scalar.string)' resolves to \(node.tag)")
            }
        case .alias:
            throw NotYAMLValue(description: "an alias")
        }
    }
}
