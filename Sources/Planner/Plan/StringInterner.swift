/// Hands out one shared copy of each distinct string it is given, so that items repeated across
/// thousands of domains (the same message, path or value for every guest a rule fails on) hold
/// one allocation between them instead of one each. Strings short enough to be stored inline
/// (15 UTF-8 bytes) are returned as they are, and so are strings with non-ASCII characters:
/// `String` equality is canonical equivalence, so a set of strings would hand back `café`
/// composed for `cafe` with a combining accent, and a plan must keep the bytes it was given.
///
/// Not thread-safe: each evaluating thread has its own (`DomainEvaluation`).
public final class StringInterner {
    private var known: Set<String> = []

    public init() {}

    public func callAsFunction(_ text: String) -> String {
        guard text.utf8.count > 15, text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        return known.insert(text).memberAfterInsert
    }

    public func callAsFunction(_ text: String?) -> String? { text.map { self($0) } }

    /// How many distinct strings it holds.
    public var count: Int { known.count }
}
