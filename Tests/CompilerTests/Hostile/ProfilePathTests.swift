import Foundation
import Testing
@testable import Compiler

/// Item 11: a profile path or name from `extends` or the command line is checked by one
/// function (`ProfilePath`) before anything else looks at it; garbage is a diagnostic, never a crash.
@Suite struct ProfilePathTests {
    static let nasty: [String] = [
        "///x//", "", "/", ".", "..", "a\u{0}b", String(repeating: "a", count: 5000), String(repeating: "ab/", count: 2000),
        "../../../../etc/shadow", "base\n.yaml", "//", "./", "../", "x/..", "\u{1B}[31m.yaml", "/x/../..", " ", "~",
        "\u{202E}lmay.esab", "a//b/./../c.yaml/",
    ]

    /// Every nasty `extends` entry ends in located errors, and the run does not crash.
    @Test(arguments: nasty) func nastyExtendsEntryIsADiagnostic(entry: String) throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let quoted = entry.unicodeScalars.map { String(format: "\\U%08X", $0.value) }.joined()
        let path = try directory.write("site.yaml", profileHeader() + "extends: [\"\(quoted)\"]\n")
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        for diagnostic in diagnostics {
            #expect(diagnostic.location?.file == path, "\(diagnostic)")
            #expect(diagnostic.location?.line == 4, "\(diagnostic)")
            #expect(diagnostic.description.utf8.count < 600, "\(diagnostic.description.prefix(200))")
        }
    }

    /// The same values on the command line.
    @Test(arguments: nasty) func nastyArgumentIsADiagnostic(argument: String) {
        let diagnostics = ProfileTestSupport.diagnostics([argument])
        #expect(diagnostics.contains { $0.severity == .error }, "\(argument.debugDescription): \(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.description.utf8.count < 600 })
    }

    @Test func normalisesAndNamesTheLastComponent() throws {
        let path = try ProfilePath.parse("///x//").get()
        #expect(path.text == "/x" && path.lastComponent == "x")
        #expect(try ProfilePath.parse("a//b/./../c.yaml/").get().text == "a/c.yaml")
        #expect(try ProfilePath.parse("../base.yaml").get().text == "../base.yaml")
        #expect(try ProfilePath.parse("sub/../../base.yaml").get().text == "../base.yaml")
        #expect(try ProfilePath.parse("/../x.yaml").get().text == "/x.yaml")
        #expect(try ProfilePath.parse("base.yaml").get().sibling(ProfilePath.parse("../p.yaml").get()).text == "../p.yaml")
        #expect(try ProfilePath.parse("a/b.yaml").get().sibling(ProfilePath.parse("c.yaml").get()).text == "a/c.yaml")
        #expect(try ProfilePath.parse("a/b.yaml").get().sibling(ProfilePath.parse("/etc/c.yaml").get()).text == "/etc/c.yaml")
    }

    @Test(arguments: [
        ("", "empty"), (" ", "empty"), ("/", "does not name a file"), (".", "does not name a file"),
        ("..", "does not name a file"), ("a/..", "does not name a file"), ("a\u{0}b", "control character"),
        ("a\nb.yaml", "control character"), ("\u{202E}x", "control character"),
        (String(repeating: "a", count: 300), "longer than 255 bytes"), (String(repeating: "a/", count: 2100) + "x", "longer than 4096 bytes"),
    ])
    func rejectsGarbage(raw: String, problem: String) {
        switch ProfilePath.parse(raw) {
        case .success(let path): Issue.record("accepted \(raw.debugDescription) as \(path.text)")
        case .failure(let error): #expect(error.message.contains(problem), "\(error.message)")
        }
    }
}
