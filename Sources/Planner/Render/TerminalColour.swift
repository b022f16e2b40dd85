/// Whether the text plan is coloured, and the few ANSI sequences it uses.
///
/// Colour goes only to a terminal that can show it, so a plan piped into a file, a pager or a
/// CI log is plain text. The conventions, strongest first: `--no-color`; `NO_COLOR`
/// (https://no-color.org), any non-empty value turns it off; `FORCE_COLOR`, any non-empty value
/// but `0` turns it on even off a terminal (CI logs that render ANSI); `TERM=dumb` turns it off.
public enum TerminalColour {
    public static func isWanted(outputIsTerminal: Bool, environment: [String: String], noColorFlag: Bool = false) -> Bool {
        if noColorFlag || !(environment["NO_COLOR"] ?? "").isEmpty { return false }
        if let force = environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return true }
        if environment["TERM"] == "dumb" { return false }
        return outputIsTerminal
    }

    static let green = "\u{1B}[32m"
    static let yellow = "\u{1B}[33m"
    static let red = "\u{1B}[31m"
    static let bold = "\u{1B}[1m"
    static let reset = "\u{1B}[0m"
}
