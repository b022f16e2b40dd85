extension String {
    /// The string with every character a terminal or a CI log would act on written as a visible
    /// escape (`\n`, `\u{1B}`): C0 and C1 controls, DEL, and the bidirectional embedding,
    /// override and isolate marks.
    ///
    /// Profile text, file names and paths come from the user (or from whoever wrote the file):
    /// a newline in one would forge an extra `site.yaml: ok` or `::error::` line, an ESC could
    /// drive the reader's terminal, a bidi override could make a name read as another.
    /// `Diagnostic.description` passes every part through this, so no call site can forget.
    /// (The Planner's plan text has its own copy, `terminalSafe`; the two escape alike.)
    var diagnosticSafe: String {
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where Self.needsEscape(scalar): out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, and the bidirectional embedding, override and isolate marks.
    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// How much of a user's text a diagnostic quotes.
    static let excerptLength = 40

    /// The first `excerptLength` Unicode scalars, with `…` when there was more: what a
    /// diagnostic quotes of anything a file contains (keys, values, ids, names), so an error
    /// never replays a file's content, and a megabyte key costs a short line. Counted in
    /// scalars, not characters: one "character" can hold a million combining marks.
    var excerpt: String {
        var scalars = unicodeScalars.makeIterator()
        var out = String.UnicodeScalarView()
        for _ in 0..<Self.excerptLength {
            guard let scalar = scalars.next() else { return self }
            out.append(scalar)
        }
        return scalars.next() == nil ? self : String(out) + "…"
    }
}
