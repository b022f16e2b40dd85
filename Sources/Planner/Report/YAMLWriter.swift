import Compiler
import Foundation

/// Writes a JSON value as block-style YAML, for reports people read and configuration tools
/// ingest (`hvharden facts --format yaml`).
///
/// Hand-written because only the Compiler links Yams, and the subset needed is small: mappings
/// with sorted keys, sequences, and scalars. A string is written plain only when no YAML 1.1 or
/// 1.2 resolver could take it for anything else (it starts with a letter or `/`, holds only
/// letters, digits, spaces and `._/+-`, and is not a word like `yes`, `off` or `null`);
/// everything else is double-quoted with escapes, so every value reads back as the same type
/// and text. The tests parse the output with Yams and compare it with the JSON.
public enum YAMLWriter {
    /// The document, starting with `---` and ending in a newline.
    public static func document(_ value: JSONValue) -> String {
        var lines = ["---"]
        switch value {
        case .object(let o) where !o.isEmpty: lines += mapping(o, indent: 0)
        case .array(let a) where !a.isEmpty: lines += sequence(a, indent: 0)
        default: lines.append(scalar(value))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func mapping(_ object: [String: JSONValue], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for key in object.keys.sorted() {
            let value = object[key]!
            let name = string(key)
            switch value {
            case .object(let o) where !o.isEmpty:
                lines.append("\(pad)\(name):")
                lines += mapping(o, indent: indent + 2)
            case .array(let a) where !a.isEmpty:
                // Sequences under a key sit at the key's indentation, as most YAML in the wild does.
                lines.append("\(pad)\(name):")
                lines += sequence(a, indent: indent)
            default:
                lines.append("\(pad)\(name): \(scalar(value))")
            }
        }
        return lines
    }

    private static func sequence(_ array: [JSONValue], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for value in array {
            switch value {
            case .object(let o) where !o.isEmpty:
                // The first key shares the line with the dash; the others align under it.
                var nested = mapping(o, indent: indent + 2)
                nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                lines += nested
            case .array(let a) where !a.isEmpty:
                lines.append("\(pad)-")
                lines += sequence(a, indent: indent + 2)
            default:
                lines.append("\(pad)- \(scalar(value))")
            }
        }
        return lines
    }

    private static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
            guard n.isFinite else { return n.isNaN ? ".nan" : (n > 0 ? ".inf" : "-.inf") }
            // YAML 1.1 floats need a dot: Swift's "1e-05" would read back as a string.
            let text = "\(n)"
            guard !text.contains("."), let e = text.firstIndex(of: "e") else { return text }
            return String(text[..<e]) + ".0" + String(text[e...])
        case .string(let s): return string(s)
        case .object: return "{}"
        case .array: return "[]"
        }
    }

    /// Words some YAML resolver reads as a boolean or null (YAML 1.1 is the wider one).
    private static let reserved: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    ]

    private static let plainCharacters = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ._/+-")

    /// A string as a plain scalar when that is unambiguous, else double-quoted.
    static func string(_ s: String) -> String {
        if let first = s.unicodeScalars.first, first == "/" || (first.isASCII && CharacterSet.letters.contains(first)),
           s.unicodeScalars.allSatisfy(plainCharacters.contains), !s.hasSuffix(" "),
           !reserved.contains(s.lowercased()) {
            return s
        }
        return quoted(s)
    }

    /// A double-quoted scalar; YAML's escapes are a superset of JSON's.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                // C0, DEL, C1 (including NEL), the line and paragraph separators, the BOM: escaped,
                // since a parser may fold or reject them raw.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                    || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
