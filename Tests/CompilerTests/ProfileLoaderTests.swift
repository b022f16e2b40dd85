import Foundation
import Testing
@testable import Compiler
import Yams
import TestSupport

/// Reading a file: size limit, YAML syntax, the alias-expansion guard, and file-level problems.
@Suite struct ProfileLoaderTests {
    /// Nine levels of nine aliases: 9^9 ≈ 387 million strings when expanded.
    static let billionLaughs = """
        apiVersion: hvharden/v1
        kind: Profile
        metadata: {name: lol}
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
        domains: {include: *i}
        """

    @Test func billionLaughsIsRejectedQuickly() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("lol.yaml", Self.billionLaughs)
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure { diagnostics = ProfileTestSupport.diagnostics([path]) }
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        #expect(diagnostics.count == 1)
        let message = try #require(diagnostics.first).message
        #expect(message.contains("expands to more than 100000 YAML nodes"))
        #expect(message.contains("'\(path)'"))
    }

    @Test func aliasesWithinTheBudgetAreFine() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("small.yaml", profileHeader() + """
            domains: {include: &web ["web-*"], exclude: *web}
            """)
        let policy = try ProfileTestSupport.compile([path]).policy
        #expect(policy.domains == DomainSelector(include: ["web-*"], exclude: ["web-*"]))
    }

    @Test func nodeBudgetCountsAliasExpansions() throws {
        let tree = try #require(try Yams.compose(yaml: "a: &a [1, 2, 3]\nb: [*a, *a, *a]"))
        // root, 2 keys, a's list + 3, b's list + 3 × (list + 3) = 1 + 2 + 4 + 1 + 12 = 20.
        #expect(NodeBudget.exceeded(in: tree, limit: 20) == nil)
        #expect(NodeBudget.exceeded(in: tree, limit: 19) != nil)
    }

    @Test func oversizedFileIsRejectedBeforeParsing() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        // Valid YAML would parse; the size alone must stop it.
        let padding = String(repeating: "# padding padding padding padding padding padding padding padding\n", count: 17_000)
        let path = try directory.write("big.yaml", profileHeader() + padding)
        #expect(padding.utf8.count > ProfileLoader.maxFileSize)
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(diagnostics.map(\.message) == ["profile '\(path)' is larger than 1 MiB; refusing to read it (a profile is a few kilobytes)"])
    }

    @Test func fileOfExactlyTheLimitIsRead() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let header = profileHeader()
        let filler = String(repeating: "#", count: ProfileLoader.maxFileSize - header.utf8.count - 1) + "\n"
        let path = try directory.write("limit.yaml", header + filler)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == ProfileLoader.maxFileSize)
        #expect(throws: Never.self) { try ProfileTestSupport.compile([path]) }
    }

    @Test func syntaxErrorIsLocated() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("broken.yaml", profileHeader() + "posture: {platform: hosted\n")
        let diagnostics = ProfileTestSupport.diagnostics([path])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.message.hasPrefix("invalid YAML: "))
        #expect(diagnostic.location?.file == path)
        #expect(diagnostic.location?.line == 5)
    }

    @Test func duplicateKeyIsLocated() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("dup.yaml", profileHeader() + "posture: {}\nposture: {}\n")
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(diagnostics.map(\.message) == ["duplicate key 'posture' in a mapping"])
        #expect(diagnostics.first?.location?.line == 4)
    }

    @Test(arguments: [
        ("", "is empty"),
        ("- a\n- b\n", "is not an hvharden profile (expected 'apiVersion: hvharden/v1')"),
        ("just text\n", "is not an hvharden profile"),
    ])
    func notAProfile(text: String, message: String) throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.yaml", text)
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains(message) == true, "\(diagnostics)")
    }

    @Test func missingFileAndDirectoryAreNamed() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let missing = directory.path("nope.yaml")
        #expect(ProfileTestSupport.diagnostics([missing]).map(\.description) == ["error: no such profile file '\(missing)'"])
        #expect(ProfileTestSupport.diagnostics([directory.url.path]).map(\.message)
            == ["'\(directory.url.path)' is a directory, not a regular file"])
    }

    @Test func notUTF8IsRejected() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = directory.path("latin1.yaml")
        try Data([0x61, 0x3a, 0x20, 0xe9, 0xff, 0x0a]).write(to: URL(fileURLWithPath: path))
        #expect(ProfileTestSupport.diagnostics([path]).map(\.message) == ["profile '\(path)' is not UTF-8 text"])
    }
}
