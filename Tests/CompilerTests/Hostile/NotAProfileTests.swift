import Foundation
import Testing
@testable import Compiler

/// Item 15: a file that is not a profile at all gets one error, and no diagnostic quotes more
/// than a short prefix of anything a file contains.
@Suite struct NotAProfileTests {
    static let shadow = "root:$6$Qw9rT3xZ$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV:19000:0:99999:7:::\n"
        + "daemon:*:19000:0:99999:7:::\nalice:$6$secret$hash:19000:0:99999:7:::\n"

    @Test func shadowFileViaExtendsIsOneErrorWithoutItsContent() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try directory.write("shadow", Self.shadow)
        let site = try directory.write("site.yaml", profileHeader() + "extends: [shadow]\n")
        let diagnostics = ProfileTestSupport.diagnostics([site])
        #expect(diagnostics.map(\.message) == ["'\(directory.path("shadow"))' is not an hvharden profile (expected 'apiVersion: hvharden/v1')"])
        #expect(diagnostics.first?.location?.file == site && diagnostics.first?.location?.line == 4)
        #expect(!diagnostics.description.contains("root:") && !diagnostics.description.contains("$6$"))
    }

    @Test(arguments: [
        "just text\n", "- a\n- b\n", "user: root\npassword: hunter2\n", "42\n", "? [a, b]\n: c\n",
        "root:x:0:0:root:/root:/bin/bash\n", "{\"apiVersion_x\": 1}\n",
    ])
    func notAProfileOnTheCommandLineIsOneError(text: String) throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.yaml", text)
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(diagnostics.map(\.message) == ["'\(path)' is not an hvharden profile (expected 'apiVersion: hvharden/v1')"], "\(diagnostics)")
        #expect(diagnostics.first?.location == SourceLocation(file: path, line: 1, column: 1))
    }

    /// A profile that names one of its own keys is still checked key by key.
    @Test func aProfileWithMistakesIsNotCalledNotAProfile() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.yaml", "kind: Profile\nmetadata: {name: x}\n")
        #expect(ProfileTestSupport.diagnostics([path]).map(\.message) == ["the profile is missing the required key 'apiVersion'"])
    }

    /// Long content in any quoted place (keys, values, rule ids, enum values, names) is cut to a
    /// short prefix.
    @Test func longContentIsQuotedAsAShortPrefix() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let long = String(repeating: "S3CRET", count: 150)  // under YAML's 1024-character limit on keys
        let path = try directory.write("p.yaml", profileHeader() + """
            \(long): 1
            posture: {platform: \(long)}
            rules:
              enable: [\(long)]
              values:
                qemu-user-not-root: 5\(long)
                domain-vtpm: {\(long): 1}
            waivers:
              - {rule: \(long), reason: x, expires: \(long)}
            domains: {include: {\(long): 1}}

            """)
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(diagnostics.count >= 7, "\(diagnostics)")
        for diagnostic in diagnostics {
            #expect(!diagnostic.message.contains(String(repeating: "S3CRET", count: 8)), "\(diagnostic.message.prefix(300))")
            #expect(diagnostic.message.utf8.count < 400, "\(diagnostic.message.prefix(300))")
        }
    }

    @Test func excerptCutsAtFortyScalarsAndMarksIt() {
        #expect("short".excerpt == "short")
        #expect(String(repeating: "x", count: 40).excerpt == String(repeating: "x", count: 40))
        #expect(String(repeating: "x", count: 41).excerpt == String(repeating: "x", count: 40) + "…")
        // One grapheme of a million combining marks is still cut.
        let zalgo = "e" + String(repeating: "\u{301}", count: 100_000)
        #expect(zalgo.excerpt.unicodeScalars.count == 41)
    }
}
