/// The result of an XPath expression: a node-set (counted), or a boolean, number or string
/// (from `boolean(...)`, `count(...)`, `string(...)` and friends).
public enum XPathValue: Sendable, Equatable {
    /// A node-set and how many nodes it holds.
    case nodes(Int)
    case boolean(Bool)
    case number(Double)
    case string(String)
}
