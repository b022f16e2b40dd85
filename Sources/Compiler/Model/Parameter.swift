/// A value a rule reads that a profile may refine under `rules.values` (XCCDF's "refine-value").
public struct Parameter: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case string, int, bool, list
    }

    public var name: String
    public var type: Kind
    public var `default`: Value
    public var description: String
    /// For string parameters: the only values allowed, if restricted.
    public var allowed: [String]?

    public init(name: String, type: Kind, default: Value, description: String, allowed: [String]? = nil) {
        self.name = name
        self.type = type
        self.default = `default`
        self.description = description
        self.allowed = allowed
    }

    /// Whether `value` has this parameter's type (an int is not accepted for a string, and so on).
    public func accepts(_ value: Value) -> Bool {
        switch (type, value) {
        case (.string, .string(let s)): return allowed.map { $0.contains(s) } ?? true
        case (.int, .int), (.bool, .bool), (.list, .list): return true
        default: return false
        }
    }
}
