/// A libxml2 failure: malformed XML (with its line), a bad XPath expression, an invalid name.
public struct XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed, naming the culprit in quotes, followed by libxml2's own explanation.
    public let message: String
    /// 1-based line in the parsed text, for parse errors.
    public let line: Int?
    /// 1-based column in the parsed text, when libxml2 knows it.
    public let column: Int?

    public init(message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// `line 3:14: error: <message>`, or just the message without a location.
    public var description: String {
        guard let line else { return message }
        return "line \(line)\(column.map { ":\($0)" } ?? ""): error: \(message)"
    }
}
