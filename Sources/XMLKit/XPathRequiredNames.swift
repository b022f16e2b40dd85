/// The names an XPath location path needs to exist in a document before it can select anything.
///
/// A path such as `/domain/devices/hostdev[@type='pci']/rom` selects only elements reached
/// through an element named `hostdev` and one named `rom`, whatever its predicates say; a union
/// selects nothing when none of its paths can. A document whose parser never saw the name
/// `rom` therefore answers with an empty node-set, and the evaluation can be skipped
/// (`XPathCache.Entry.selectsNothing`). Only plain location paths are read: name tests along the child
/// or descendant axis (`/`, `//`), each with any predicates, an attribute as the last step.
/// Anything else (a function, a wildcard, an axis name, `.`, parentheses, a variable) gives nil,
/// and the expression is always evaluated.
enum XPathRequiredNames {
    /// One step of a path: the local name it tests, and whether its predicates can be
    /// evaluated without an error (no function, variable, prefix or axis in them: libxml2
    /// resolves those only when it evaluates the predicate, on a node the step found), and no
    /// union or step on something that is not a node-set (a type error found only then too).
    struct Step: Equatable {
        let name: String
        let safe: Bool
        /// `name` as libxml2 keeps names, NUL-terminated.
        var bytes: [UInt8] { Array(name.utf8) + [0] }
    }

    /// For each path of the union, its steps; nil when the expression is not such a union or
    /// names a prefix outside `prefixes`.
    static func of(_ xpath: String, prefixes: Set<String>) -> [[Step]]? {
        enum State { case start, slashes(Int), name, predicates, afterStep }
        var branches: [[Step]] = []
        var steps: [Step] = []
        var current: [UInt8] = []
        var safe = true
        var state = State.start
        var depth = 0
        var quote: UInt8?
        var lastInPredicate: UInt8?
        func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        func endStep() -> Bool {
            guard let name = name(of: current, prefixes: prefixes) else { return false }
            steps.append(Step(name: name, safe: safe))
            current = []
            safe = true
            return true
        }
        for byte in xpath.utf8 {
            if depth > 0 {
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    quote = byte
                } else if byte == UInt8(ascii: "]") {
                    depth -= 1
                } else if byte == UInt8(ascii: "$") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "|") {
                    safe = false
                } else if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "[") {
                    // A step or predicate on a literal or a number (`'a'/b`, `1[2]`) is a type error.
                    if let previous = lastInPredicate, previous == UInt8(ascii: "'") || previous == UInt8(ascii: "\"")
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(previous) {
                        safe = false
                    }
                    if byte == UInt8(ascii: "[") { depth += 1 }
                }
                if !isSpace(byte) { lastInPredicate = byte }
                continue
            }
            let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            switch (state, byte) {
            case (.start, _) where isSpace, (.afterStep, _) where isSpace:
                continue
            case (.start, UInt8(ascii: "/")):
                state = .slashes(1)
            case (.slashes(1), UInt8(ascii: "/")):
                state = .slashes(2)
            case (.name, UInt8(ascii: "[")), (.predicates, UInt8(ascii: "[")):
                depth = 1
                state = .predicates
            case (.name, UInt8(ascii: "/")), (.predicates, UInt8(ascii: "/")):
                guard endStep() else { return nil }
                state = .slashes(1)
            case (.name, UInt8(ascii: "|")), (.predicates, UInt8(ascii: "|")), (.afterStep, UInt8(ascii: "|")):
                if case .afterStep = state {} else { guard endStep() else { return nil } }
                branches.append(steps)
                steps = []
                state = .start
            case (.name, _) where isSpace, (.predicates, _) where isSpace:
                // Only before a `|`: inside a path, whitespace could separate an operator.
                guard endStep() else { return nil }
                state = .afterStep
            case (.start, _), (.slashes, _), (.name, _):
                guard !isSpace, byte != UInt8(ascii: "/"), byte != UInt8(ascii: "|"), byte != UInt8(ascii: "["), byte != UInt8(ascii: "]") else { return nil }
                current.append(byte)
                state = .name
            default:
                return nil
            }
        }
        guard depth == 0 else { return nil }
        switch state {
        case .name, .predicates: guard endStep() else { return nil }
        case .afterStep: break
        case .start, .slashes: return nil
        }
        branches.append(steps)
        return branches
    }

    /// The local name of one step (`hostdev`, `qemu:commandline`, `@type`), or nil for
    /// anything that is not a name test (`*`, `.`, `node()`, `child::x`, an unknown prefix).
    private static func name(of step: [UInt8], prefixes: Set<String>) -> String? {
        var bytes = step[...]
        if bytes.first == UInt8(ascii: "@") { bytes = bytes.dropFirst() }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            guard XMLName.isPlain(bytes[..<colon]), prefixes.contains(String(decoding: bytes[..<colon], as: UTF8.self)) else { return nil }
            bytes = bytes[(colon + 1)...]
        }
        guard XMLName.isPlain(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
