import Compiler

/// The line formats of the text plan, one per kind of item.
extension PlanTextRenderer {
    /// `~ PATH: BEFORE → AFTER  # RULE (SEVERITY), EFFECT`. A missing value reads `(absent)`.
    func change(_ c: Change) -> [String] {
        let path = c.address.path ?? "(the whole \(c.address.object))"
        let before = c.before ?? "(absent)"
        let after = c.after ?? "(absent)"
        return ["\(marker(c.action)) \(path.terminalSafe): \(before.terminalSafe) → \(after.terminalSafe)  "
            + "# \(c.rule.terminalSafe) (\(c.severity.rawValue)), \(c.effectPhrase)"]
    }

    /// `! KIND RULE (SEVERITY) at PATH: MESSAGE`, then what to do on the next line.
    func finding(_ f: Finding) -> [String] {
        let at = f.address.path.map { " at \($0.terminalSafe)" } ?? ""
        var lines = ["\(bold("!")) \(f.kind.rawValue) \(f.rule.terminalSafe) (\(f.severity.rawValue))\(at): \(f.message.terminalSafe)"]
        if !f.guidance.isEmpty {
            lines.append("  what to do: \(Self.oneLine(f.guidance).terminalSafe)")
        }
        return lines
    }

    /// `= RULE at PATH: REASON (expires DATE)`.
    func waived(_ w: WaivedItem) -> [String] {
        let at = w.address.path.map { " at \($0.terminalSafe)" } ?? ""
        return ["= \(w.rule.terminalSafe)\(at): \(Self.oneLine(w.reason).terminalSafe) (expires \(w.expires.terminalSafe))"]
    }

    /// Guidance and reasons are YAML paragraphs; folded to one line so a finding stays a block.
    static func oneLine(_ text: String) -> String {
        // ASCII text (all of the catalogue's) is split on its bytes: the same words as splitting
        // on `Character.isWhitespace`, without classifying every character of thousands of
        // findings through the Unicode tables.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        // Tab, line feed, vertical tab, form feed, carriage return, space: ASCII's White_Space.
        let words = text.utf8.split(whereSeparator: { $0 == 0x20 || (0x09...0x0D).contains($0) })
        return words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    func marker(_ action: Change.Action) -> String {
        guard colour else { return action.marker }
        let code: String
        switch action {
        case .add: code = TerminalColour.green
        case .update: code = TerminalColour.yellow
        case .remove: code = TerminalColour.red
        }
        return code + action.marker + TerminalColour.reset
    }

    func bold(_ text: String) -> String {
        colour ? TerminalColour.bold + text + TerminalColour.reset : text
    }
}
