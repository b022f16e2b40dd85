/// A typed value: a rule parameter, a config value a check expects, a fix's new value.
public enum Value: Hashable, Sendable, Codable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([String])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int.self) { self = .int(i); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let l = try? c.decode([String].self) { self = .list(l); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a string, integer, boolean or list of strings")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        case .list(let l): try c.encode(l)
        }
    }

    /// The value as the text a config file or XML attribute holds (`true` → `1`, as libvirt's bools).
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "1" : "0"
        case .list: return nil
        }
    }

    /// The value as a list of texts: a list as it is, a scalar as a one-element list.
    public var listText: [String] {
        if case .list(let l) = self { return l }
        return scalarText.map { [$0] } ?? []
    }

    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .string(let s): return Int(s)
        default: return nil
        }
    }

    public var typeName: String {
        switch self {
        case .string: return "string"
        case .int: return "integer"
        case .bool: return "boolean"
        case .list: return "list"
        }
    }

    public var description: String {
        switch self {
        case .string(let s): return "'\(s)'"
        case .int(let i): return String(i)
        case .bool(let b): return String(b)
        case .list(let l): return "[" + l.map { "'\($0)'" }.joined(separator: ", ") + "]"
        }
    }
}

/// Either a literal value or a reference to one of the rule's parameters (`$name` in YAML).
public enum ValueRef: Hashable, Sendable, Codable {
    case literal(Value)
    case parameter(String)

    public init(from decoder: any Decoder) throws {
        let v = try Value(from: decoder)
        if case .string(let s) = v, s.hasPrefix("$") {
            self = .parameter(String(s.dropFirst()))
        } else {
            self = .literal(v)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .literal(let v): try v.encode(to: encoder)
        case .parameter(let p): try Value.string("$" + p).encode(to: encoder)
        }
    }

    /// Resolves the reference against a rule's parameter values.
    public func resolve(_ parameters: [String: Value]) -> Value? {
        switch self {
        case .literal(let v): return v
        case .parameter(let p): return parameters[p]
        }
    }
}
