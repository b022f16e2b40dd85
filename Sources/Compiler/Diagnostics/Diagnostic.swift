/// One problem found in user input, printed compiler-style:
/// `profiles/base.yaml:12:5: error: unknown key 'passthru' (did you mean 'passthrough'?)`.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// The rule the problem is about, when there is one.
    public var ruleID: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, rule: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.ruleID = rule
    }

    public static func error(_ message: String, at location: SourceLocation?, rule: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, rule: rule)
    }

    /// One line, whatever the message, file name or rule id hold: every part is escaped
    /// (`String.diagnosticSafe`) here, where all diagnostics are rendered, and a message is cut
    /// at `maxMessageLength` should a call site quote more than an excerpt.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        let rule = ruleID.map { "[\($0.excerpt.diagnosticSafe)] " } ?? ""
        var text = message
        if text.unicodeScalars.count > Self.maxMessageLength {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.maxMessageLength))) + "…"
        }
        return "\(prefix)\(severity.rawValue): \(rule)\(text.diagnosticSafe)"
    }

    /// The longest message printed; messages quote excerpts, so only a forgotten quote reaches it.
    static let maxMessageLength = 1000
}

/// Thrown when input had at least one error; holds every diagnostic, not only the first.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// The diagnostics as printed: a bounded number per file (`Diagnostic.printable`), one a line.
    public var description: String { Diagnostic.printable(diagnostics).map(\.description).joined(separator: "\n") }
}
