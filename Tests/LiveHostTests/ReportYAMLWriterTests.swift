import Compiler
import Foundation
import Testing
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

/// `YAMLWriter` output read back with Yams gives the same value: strings stay strings (however
/// much they look like booleans, numbers, dates or YAML syntax), numbers stay numbers.
@Suite struct ReportYAMLWriterTests {
    static let awkward = [
        "", " ", "yes", "No", "ON", "off", "y", "n", "true", "False", "null", "Null", "~", "0", "123", "-1", "0x1F", "0o17",
        "1e3", "1.5", ".inf", "-.inf", ".nan", "2024-01-01", "12:30", "1_000", "-", "- a", "a: b", "a:b", "#x", "a #x",
        "  lead", "trail ", "line\nbreak", "tab\there", "cr\r", "quote\"", "single'", "back\\slash", "üñí", "日本",
        "sep\u{2028}x", "nel\u{85}x", "ctl\u{1}x", "bom\u{FEFF}", "esc\u{1B}[0m", "[a]", "{a}", "*alias", "&anchor",
        "!tag", "%dir", "@x", "`x", "|", ">", "?", ",", "---", "...", "/dev/kvm", "kvm_intel", "Mitigation: PTI",
        "Not affected", "AMD EPYC", "vm",
    ]

    @Test(arguments: awkward)
    func aStringReadsBackAsTheSameString(text: String) throws {
        let value = JSONValue.object([text.isEmpty ? "empty" : text: .string(text), "list": .array([.string(text)])])
        let yaml = YAMLWriter.document(value)
        #expect(try ReportYAML.value(yaml) == value, "\(yaml)")
    }

    @Test func nestedShapesReadBack() throws {
        let value = JSONValue.object([
            "numbers": .array([.number(0), .number(-3), .number(68157440), .number(1.5), .number(1e-5), .number(-2.5e20)]),
            "flags": .object(["on": .bool(true), "off": .bool(false), "none": .null]),
            "empty": .object(["list": .array([]), "map": .object([:])]),
            "groups": .array([
                .object(["id": .number(12), "devices": .array([.string("0000:01:00.0"), .string("0000:01:00.1")])]),
                .object(["id": .number(13), "devices": .array([]), "nested": .object(["deep": .array([.object(["a": .string("b")])])])]),
            ]),
            "matrix": .array([.array([.number(1), .number(2)]), .array([])]),
        ])
        let yaml = YAMLWriter.document(value)
        #expect(try ReportYAML.value(yaml) == value, "\(yaml)")
        #expect(yaml.hasPrefix("---\n") && yaml.hasSuffix("\n"))
    }

    @Test func plainWhereSafeQuotedOtherwise() {
        #expect(YAMLWriter.string("kvm_intel") == "kvm_intel")
        #expect(YAMLWriter.string("/dev/kvm") == "/dev/kvm")
        #expect(YAMLWriter.string("yes") == "\"yes\"")
        #expect(YAMLWriter.string("8086") == "\"8086\"")
        #expect(YAMLWriter.string("a: b") == "\"a: b\"")
    }
}
