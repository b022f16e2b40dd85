import Compiler
import Planner

/// libvirt's own config syntax (`virconf.c`), read without Augeas: for a qemu.conf or
/// libvirtd.conf whose lens rejects it (a documented form the lens lacks, such as
/// `security_driver = [ "apparmor", "selinux" ]`). Each statement is `name = value`, the value a
/// quoted string (`"…"`, `'…'` or `"""…"""`), an integer or a list `[ v, v, … ]` that may span
/// lines; `#` starts a comment outside a string. As libvirt does, the first definition of a
/// name is the one used. A statement this reader cannot parse stops it, and the keys after that
/// point stay unread, which `keys(_:)` reports.
struct VirConfText {
    struct Statement {
        var name: String
        var line: Int
        var value: String?
        var items: [String]?
    }

    private(set) var statements: [Statement] = []
    /// The line where reading stopped, when it did.
    private(set) var stoppedAt: Int?

    init(_ text: String) {
        var scanner = Scanner(Array(text))
        while true {
            scanner.skipBlankAndComments()
            guard !scanner.atEnd else { return }
            let line = scanner.line
            guard let name = scanner.name(), scanner.expect("="), let (value, items) = scanner.value() else {
                stoppedAt = line
                return
            }
            statements.append(Statement(name: name, line: line, value: value, items: items))
            scanner.skipSpaces()
            if scanner.peek == ";" { scanner.advance() }
            scanner.skipSpaces()
            if scanner.peek == "#" { scanner.skipComment() }
            guard scanner.atEnd || scanner.peek == "\n" else {
                stoppedAt = line
                return
            }
        }
    }

    /// The entries of `keys` in `file`, as the first definition of each.
    func entries(_ keys: [String], file: String) -> [String: ConfigEntry] {
        var out: [String: ConfigEntry] = [:]
        for key in keys {
            let all = statements.filter { $0.name == key }
            guard let first = all.first else {
                out[key] = ConfigEntry(key: key)
                continue
            }
            out[key] = ConfigEntry(
                key: key, present: true, value: first.value, items: first.items, definedIn: file, line: first.line,
                occurrences: all.map { ConfigOccurrence(line: $0.line, value: $0.value, items: $0.items) })
        }
        return out
    }

    private struct Scanner {
        let chars: [Character]
        var index = 0
        var line = 1

        init(_ chars: [Character]) { self.chars = chars }

        var atEnd: Bool { index >= chars.count }
        var peek: Character? { atEnd ? nil : chars[index] }

        mutating func advance() {
            if chars[index] == "\n" { line += 1 }
            index += 1
        }

        mutating func skipSpaces() {
            while let c = peek, c == " " || c == "\t" || c == "\r" { advance() }
        }

        mutating func skipComment() {
            while let c = peek, c != "\n" { _ = c; advance() }
        }

        mutating func skipBlankAndComments() {
            while let c = peek {
                if c.isWhitespace { advance() } else if c == "#" { skipComment() } else { return }
            }
        }

        mutating func name() -> String? {
            var out = ""
            while let c = peek, c.isLetter || c.isNumber || c == "_" || c == "." || c == "-" { out.append(c); advance() }
            return out.isEmpty ? nil : out
        }

        mutating func expect(_ c: Character) -> Bool {
            skipSpaces()
            guard peek == c else { return false }
            advance()
            return true
        }

        mutating func value() -> (String?, [String]?)? {
            skipSpaces()
            if peek == "[" {
                advance()
                var items: [String] = []
                while true {
                    skipBlankAndComments()
                    if peek == "]" { advance(); return (nil, items) }
                    guard let item = scalar() else { return nil }
                    items.append(item)
                    skipBlankAndComments()
                    if peek == "," { advance() } else if peek != "]" { return nil }
                }
            }
            return scalar().map { ($0, nil) }
        }

        mutating func scalar() -> String? {
            guard let c = peek else { return nil }
            if c == "\"" || c == "'" {
                let triple = c == "\"" && index + 2 < chars.count && chars[index + 1] == "\"" && chars[index + 2] == "\""
                let count = triple ? 3 : 1
                for _ in 0..<count { advance() }
                var out = ""
                while !atEnd {
                    if triple ? (index + 2 < chars.count && chars[index...index + 2].allSatisfy { $0 == "\"" }) : peek == c {
                        for _ in 0..<count { advance() }
                        return out
                    }
                    if !triple && peek == "\n" { return nil }
                    out.append(chars[index])
                    advance()
                }
                return nil
            }
            var out = ""
            while let d = peek, d.isNumber || (out.isEmpty && (d == "-" || d == "+")) { out.append(d); advance() }
            return out.isEmpty || out == "-" || out == "+" ? nil : out
        }
    }
}
