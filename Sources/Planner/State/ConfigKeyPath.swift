/// A config key as the catalogue writes it: an Augeas path below a file, which may hold
/// `[. = "value"]` predicates (`options[. = "kvm_intel"]/nested`).
public enum ConfigKeyPath {
    /// Splits a key on `/` outside brackets and quotes.
    public static func steps(_ key: String) -> [String] {
        var steps: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for ch in key {
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "[" {
                depth += 1
            } else if ch == "]" {
                depth -= 1
            } else if ch == "/", depth == 0 {
                steps.append(current)
                current = ""
                continue
            }
            current.append(ch)
        }
        if !current.isEmpty { steps.append(current) }
        return steps
    }

    /// `label[. = "value"]` → (label, value).
    public static func valuePredicate(_ step: String) -> (label: String, value: String)? {
        guard let open = step.firstIndex(of: "["), step.hasSuffix("]") else { return nil }
        let label = String(step[..<open])
        var inner = String(step[step.index(after: open)..<step.index(before: step.endIndex)]).trimmingWhitespace
        guard inner.hasPrefix(".") else { return nil }
        inner = String(inner.dropFirst()).trimmingWhitespace
        guard inner.hasPrefix("=") else { return nil }
        inner = String(inner.dropFirst()).trimmingWhitespace
        guard inner.count >= 2, let q = inner.first, q == "\"" || q == "'", inner.last == q else { return nil }
        return (label, String(inner.dropFirst().dropLast()))
    }
}
