import Foundation
import Testing
@testable import Compiler

/// Item 14: nothing a profile (or its file name) contains reaches the terminal raw. Every
/// diagnostic is escaped where it is rendered, so these tests go through `description`.
@Suite struct DiagnosticEscapingTests {
    /// Every character a terminal or a CI log would act on.
    static let hostile: [(raw: String, escaped: String)] = [
        ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\u{1B}", "\\u{1B}"), ("\u{07}", "\\u{7}"), ("\u{0}", "\\u{0}"),
        ("\u{7F}", "\\u{7F}"), ("\u{9B}", "\\u{9B}"), ("\u{85}", "\\u{85}"), ("\u{202E}", "\\u{202E}"),
        ("\u{202A}", "\\u{202A}"), ("\u{2066}", "\\u{2066}"), ("\u{2069}", "\\u{2069}"),
    ]

    @Test func everyControlIsEscapedInMessageFileAndRule() {
        for (raw, escaped) in Self.hostile {
            let diagnostic = Diagnostic.error("bad '\(raw)'", at: SourceLocation(file: "a\(raw).yaml", line: 3, column: 4), rule: "r\(raw)")
            let text = diagnostic.description
            #expect(text == "a\(escaped).yaml:3:4: error: [r\(escaped)] bad '\(escaped)'", "\(text.debugDescription)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test func plainTextIsUnchanged() {
        let diagnostic = Diagnostic.error("unknown key 'passthru' (did you mean 'passthrough'?) é ✓", at: SourceLocation(file: "p/x.yaml", line: 1, column: 2))
        #expect(diagnostic.description == "p/x.yaml:1:2: error: unknown key 'passthru' (did you mean 'passthrough'?) é ✓")
    }

    /// A key with an escape sequence and a forged "ok" line: one printed line, no ESC.
    @Test func forgedLinesFromAProfileStayOnOneLine() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("site.yaml", profileHeader() + #"""
            "\e[2K\rsite.yaml: ok\n::error::forged": 1

            """#)
        let lines = ProfileTestSupport.diagnostics([path]).map(\.description)
        #expect(lines.count == 1, "\(lines)")
        let line = try #require(lines.first)
        #expect(!line.contains("\n") && !line.contains("\r") && !line.contains("\u{1B}"))
        #expect(line.contains(#"\u{1B}[2K\rsite.yaml: ok\n::error::forged"#), "\(line)")
        #expect(line.hasPrefix(path + ":4:1: error: "))
    }

    /// A hostile file name: newlines in it cannot start a `::error::` line, and a name that itself
    /// starts with `::` is printed as `./::…`, the same file.
    @Test func hostileFileNameCannotStartAnAnnotation() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        for name in ["x\n::error::pwned.yaml", "::error::pwned.yaml", "::warning file=a::b.yaml"] {
            let path = try directory.write(name.replacingOccurrences(of: "/", with: "_"), "kind: Profile\napiVersion: hvharden/v1\nmetadata: {name: x}\nbogus: 1\n")
            let previous = FileManager.default.currentDirectoryPath
            #expect(FileManager.default.changeCurrentDirectoryPath(directory.url.path))
            defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
            let relative = (path as NSString).lastPathComponent
            let text = DiagnosticsError(ProfileTestSupport.diagnostics([relative])).description
            #expect(!text.isEmpty)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(!line.hasPrefix("::"), "\(line.debugDescription)")
            }
            #expect(!text.contains("\n::"), "\(text.debugDescription)")
        }
    }

    @Test func locationWithColonsIsPrefixedOnlyWhenItStartsTheLine() {
        #expect(SourceLocation(file: "::x.yaml", line: 1, column: 1).description == "./::x.yaml:1:1")
        #expect(SourceLocation(file: "a::x.yaml", line: 1, column: 1).description == "a::x.yaml:1:1")
        #expect(Diagnostic.error("::error::x", at: nil).description == "error: ::error::x")
    }
}
