/// Names the fast paths over the tree accept: what they compare byte for byte with libxml2's
/// names, and leave everything else to the XPath evaluator.
public enum XMLName {
    /// An ASCII XML name without a prefix: a letter or `_`, then letters, digits, `_`, `-`, `.`.
    public static func isPlain(_ bytes: some Collection<UInt8>) -> Bool {
        guard let first = bytes.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    public static func isPlain(_ name: String) -> Bool { isPlain(name.utf8) }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
