/// A position in a user's file: 1-based line and column, as editors and compilers print them.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN` with the file name escaped (`String.diagnosticSafe`). A relative name
    /// that starts with `::` is printed as `./::…`, the same file: a printed diagnostic line
    /// begins with its location, and a line beginning with `::` is a CI workflow command.
    public var description: String {
        let file = file.diagnosticSafe
        return "\(file.hasPrefix("::") ? "./" + file : file):\(line):\(column)"
    }
}
