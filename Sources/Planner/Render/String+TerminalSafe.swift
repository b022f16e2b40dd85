extension String {
    /// The string with every control character written as a visible escape (`\n`, `\u{1B}`).
    ///
    /// Domain names, XML values and file contents come from the host, not from us: a newline in
    /// one would forge extra plan lines, an ESC could drive the reader's terminal, and a
    /// bidirectional override could make `0.0.0.0` read as something else. The text renderer
    /// passes every host-supplied string through this, so each change stays one honest line.
    public var terminalSafe: String {
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
    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
