/// Writes `JSONNode`s in exactly the bytes Foundation's `JSONEncoder` gives with
/// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`: two spaces per level, `"key" : value`,
/// keys ordered by their UTF-8 bytes, an empty array or object as its brackets around a blank
/// line, `/` and non-ASCII characters unescaped. `JSONNodeEncoderTests` (generated values) and
/// `RenderJSONStreamTests` (plans) hold it to the encoder.
public struct JSONPrettyWriter {
    /// The bytes written so far and not yet taken by the caller.
    public var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    /// `node` at nesting depth `depth` (its opening bracket is where the cursor is).
    public mutating func write(_ node: JSONNode, depth: Int = 0) {
        switch node.content {
        case .null: raw("null")
        case .bool(let value): raw(value ? "true" : "false")
        case .number(let text): raw(text)
        case .string(let text): string(text)
        case .array(let items):
            guard !items.isEmpty else { return empty(UInt8(ascii: "["), UInt8(ascii: "]"), depth: depth) }
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                raw(index == 0 ? "\n" : ",\n")
                indent(depth + 1)
                write(item, depth: depth + 1)
            }
            bytes.append(0x0A)
            indent(depth)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return empty(UInt8(ascii: "{"), UInt8(ascii: "}"), depth: depth) }
            bytes.append(UInt8(ascii: "{"))
            for (index, entry) in Self.sorted(members).enumerated() {
                raw(index == 0 ? "\n" : ",\n")
                member(entry.key, depth: depth + 1)
                write(entry.value, depth: depth + 1)
            }
            bytes.append(0x0A)
            indent(depth)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Writes `"key" : ` indented to `depth`; the caller writes the value next.
    public mutating func member(_ key: String, depth: Int) {
        indent(depth)
        string(key)
        raw(" : ")
    }

    /// The bytes of a string literal, escaped as `JSONEncoder` escapes them.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                escape(byte)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    public mutating func indent(_ depth: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// Members in `JSONEncoder`'s `.sortedKeys` order of their keys: by their UTF-8 bytes (not by Swift's
    /// `String` order, which compares canonical equivalents as equal).
    public static func sorted(_ members: [(key: String, value: JSONNode)]) -> [(key: String, value: JSONNode)] {
        let precedes = { (a: (key: String, value: JSONNode), b: (key: String, value: JSONNode)) in a.key.utf8.lexicographicallyPrecedes(b.key.utf8) }
        // Most objects have a few members; checking the order is cheaper than sorting a copy.
        if zip(members, members.dropFirst()).allSatisfy(precedes) { return members }
        return members.sorted(by: precedes)
    }

    private mutating func empty(_ open: UInt8, _ close: UInt8, depth: Int) {
        bytes.append(open)
        raw("\n\n")
        indent(depth)
        bytes.append(close)
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            raw("\\u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}
