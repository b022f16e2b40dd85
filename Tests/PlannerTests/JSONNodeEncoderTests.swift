import Foundation
import Testing
@testable import Planner
import TestSupport

/// `JSONNodeEncoder` and `JSONPrettyWriter` against Foundation's `JSONEncoder` (sorted keys,
/// pretty-printed, slashes unescaped): the bytes must be the same for any value, since saved
/// plans are compared and diffed byte by byte.
@Suite struct JSONNodeEncoderTests {
    static func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func streamed<T: Encodable>(_ value: T) throws -> [UInt8] {
        var writer = JSONPrettyWriter()
        writer.write(try JSONNodeEncoder().encode(value))
        return writer.bytes
    }

    /// A JSON value of any shape.
    indirect enum Tree: Encodable {
        case null, bool(Bool), int(Int), double(Double), string(String), array([Tree]), object([String: Tree])

        func encode(to encoder: any Encoder) throws {
            var single = encoder.singleValueContainer()
            switch self {
            case .null: try single.encodeNil()
            case .bool(let b): try single.encode(b)
            case .int(let i): try single.encode(i)
            case .double(let d): try single.encode(d)
            case .string(let s): try single.encode(s)
            case .array(let a): try single.encode(a)
            case .object(let o): try single.encode(o)
            }
        }
    }

    /// Characters that sort or escape differently: cases, digits, punctuation around the
    /// letters, control characters, quotes, slashes, composed and decomposed accents, emoji.
    static let alphabet: [String] = [
        "a", "B", "z", "Z", "0", "9", "10", "-", "_", ".", ":", "/", "\\", "\"", " ", "\n", "\t", "\r", "\u{8}", "\u{c}",
        "\u{1}", "\u{1f}", "\u{7f}", "é", "e\u{301}", "ß", "\u{2028}", "😀", "<", "&", "'", "[", "{",
    ]

    static func text(_ rng: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    static func tree(_ depth: Int, _ rng: inout SeededGenerator) -> Tree {
        let leaf = depth == 0 || Int.random(in: 0..<3, using: &rng) == 0
        switch Int.random(in: 0..<(leaf ? 5 : 7), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &rng) >> Int.random(in: 0..<63, using: &rng))
        case 3:
            let choices: [Double] = [0, -0.0, 1, 100, 0.1, 1.5, -2.25, 1e16, 1e20, 123456789.125, 5e-324, 1.7976931348623157e308, 3.0e-7]
            return .double(Bool.random(using: &rng) ? choices.randomElement(using: &rng)! : Double.random(in: -1e6...1e6, using: &rng))
        case 4: return .string(text(&rng))
        case 5: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in tree(depth - 1, &rng) })
        default:
            var object: [String: Tree] = [:]
            // Now and then more members than `JSONNode` searches one by one.
            let size = rng.below(10) == 0 ? rng.below(60) : rng.below(6)
            for _ in 0..<size { object[text(&rng)] = tree(depth - 1, &rng) }
            return .object(object)
        }
    }

    @Test func generatedValuesGiveFoundationsBytes() throws {
        var rng = SeededGenerator(seed: 20261204)
        for index in 0..<600 {
            let value = Self.tree(4, &rng)
            let expected = try Self.foundation(value)
            let actual = try Self.streamed(value)
            #expect(actual == expected, "value \(index): \(String(decoding: actual, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
            if actual != expected { return }
        }
    }

    struct Special: Encodable {
        enum Shape: Codable { case point, circle(radius: Int), labelled(String, at: [Int]) }
        var data = Data([0, 1, 2, 250, 255])
        var url = URL(string: "https://example.org/a b?x=1")!
        var date = Date(timeIntervalSinceReferenceDate: 12.5)
        var absent: String? = nil
        var present: Int? = 7
        var byNumber: [Int: String] = [2: "b", 10: "a"]
        var shapes: [Shape] = [.point, .circle(radius: 3), .labelled("x/y", at: [1, 2])]
        var floats: [Float] = [0.1, 1, -0.0, 3.25]
        var small: [Int8] = [-128, 127]
        var large: [UInt64] = [UInt64.max]
        var nested: [[String: [String]]] = [[:], ["k": []]]
    }

    @Test func foundationsSpecialCasesAreKept() throws {
        #expect(try Self.streamed(Special()) == Self.foundation(Special()))
    }

    /// A class hierarchy that encodes its parent through `superEncoder()`.
    class Base: Encodable {
        var id = "base/1"
        private enum Keys: String, CodingKey { case id }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(id, forKey: .id)
        }
    }

    final class Derived: Base {
        var extra = [1, 2]
        private enum Keys: String, CodingKey { case extra }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(extra, forKey: .extra)
            try super.encode(to: container.superEncoder())
            var list = container.superEncoder(forKey: .extra).unkeyedContainer()
            try list.encode("replaced")
        }
    }

    /// Encoders handed out by `superEncoder()` used as temporaries (the containers outlive them),
    /// a nested container asked for twice under one key, and one that encodes nothing.
    struct Awkward: Encodable {
        private enum Keys: String, CodingKey { case a, b, c, nested, list, silent }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var single = container.superEncoder().singleValueContainer()
            try single.encode(5)
            var first = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try first.encode(1, forKey: .a)
            var again = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try again.encode(2, forKey: .b)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            var inList = list.superEncoder().container(keyedBy: Keys.self)
            try inList.encode("x", forKey: .c)
            _ = container.superEncoder(forKey: .silent)
            var more = container.nestedUnkeyedContainer(forKey: .list)
            try more.encode(Decimal(string: "12.50")!)
            try more.encode(Decimal(string: "-0.001")!)
        }
    }

    struct Silent: Encodable { func encode(to encoder: any Encoder) throws {} }

    @Test func awkwardEncodingsGiveFoundationsBytes() throws {
        #expect(try Self.streamed(Awkward()) == Self.foundation(Awkward()))
        #expect(try Self.streamed([Silent()]) == Self.foundation([Silent()]))
        #expect(throws: EncodingError.self) { try Self.foundation(Silent()) }
        #expect(throws: EncodingError.self) { try Self.streamed(Silent()) }
    }

    @Test func superEncodersLandWhereFoundationPutsThem() throws {
        #expect(try Self.streamed(Derived()) == Self.foundation(Derived()))
        #expect(try Self.streamed([Derived(), Derived()]) == Self.foundation([Derived(), Derived()]))
    }

    @Test func nonFiniteNumbersAreRejectedLikeFoundationDoes() {
        for value in [Double.nan, Double.infinity, -Double.infinity] {
            #expect(throws: EncodingError.self) { try Self.foundation([value]) }
            #expect(throws: EncodingError.self) { try Self.streamed([value]) }
        }
    }

    /// The path an error names is the one Foundation names, however deep the bad value sits:
    /// the encoder keeps the path as a chain and builds the list only for such an error.
    @Test func errorsNameTheCodingPathFoundationNames() {
        struct Inner: Encodable { var values: [Double]; var label = "x" }
        struct Outer: Encodable { var items: [String: Inner]; var list: [[Inner]] }
        func path(_ encode: () throws -> [UInt8]) -> [String] {
            do {
                _ = try encode()
                return ["no error"]
            } catch EncodingError.invalidValue(_, let context) {
                return context.codingPath.map { $0.intValue.map { "#\($0)" } ?? $0.stringValue }
            } catch {
                return ["other error"]
            }
        }
        let values: [Outer] = [
            Outer(items: ["k": Inner(values: [1, .nan])], list: []),
            Outer(items: [:], list: [[Inner(values: [2])], [Inner(values: [3]), Inner(values: [.infinity])]]),
        ]
        for value in values {
            let expected = path { try Self.foundation(value) }
            #expect(expected.count > 2)
            #expect(path { try Self.streamed(value) } == expected)
        }
    }

    @Test func internedStringsShareOneStorage() {
        let strings = StringInterner()
        let long = "/domain/devices/graphics[@type='spice']/@listen"
        let first = strings(String(long.utf8.map { Character(UnicodeScalar($0)) }))
        let second = strings(String(long.utf8.map { Character(UnicodeScalar($0)) }))
        var a = first, b = second
        let same = a.withUTF8 { x in b.withUTF8 { y in x.baseAddress == y.baseAddress } }
        #expect(first == long && same)
        #expect(strings("short") == "short" && strings.count == 1)
        #expect(strings(nil as String?) == nil)
        // Canonically equal, different bytes: each keeps its own.
        let composed = "/domain/description[. = 'caf\u{E9} au lait']"
        let decomposed = "/domain/description[. = 'cafe\u{301} au lait']"
        #expect(composed == decomposed)
        #expect(Array(strings(composed).utf8) == Array(composed.utf8))
        #expect(Array(strings(decomposed).utf8) == Array(decomposed.utf8))
    }
}
