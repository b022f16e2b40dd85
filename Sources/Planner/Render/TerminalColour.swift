/// Whether the text plan is coloured, and the few ANSI sequences it uses.
///
/// Colour goes only to a terminal, so a plan piped into a file, a pager or a CI log is plain
/// text, and it honours the `NO_COLOR` convention (https://no-color.org): any non-empty value
/// turns colour off.
public enum TerminalColour {
    /// True when standard output is a terminal and `NO_COLOR` is unset or empty.
    public static func isWanted(outputIsTerminal: Bool, environment: [String: String]) -> Bool {
        guard outputIsTerminal else { return false }
        return (environment["NO_COLOR"] ?? "").isEmpty
    }

    static let green = "\u{1B}[32m"
    static let yellow = "\u{1B}[33m"
    static let red = "\u{1B}[31m"
    static let bold = "\u{1B}[1m"
    static let reset = "\u{1B}[0m"
}
