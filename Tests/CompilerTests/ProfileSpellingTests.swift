import Testing
@testable import Compiler
import TestSupport

/// The did-you-mean suggestions in diagnostics.
@Suite struct ProfileSpellingTests {
    @Test(arguments: [
        ("passthru", ["platform", "virtualization", "bootIntegrity", "passthrough"], "passthrough"),
        ("bootintegrity", ["platform", "bootIntegrity"], "bootIntegrity"),
        ("domain-vmport-of", ["domain-vmport-off", "domain-no-qemu-commandline"], "domain-vmport-off"),
        ("expiry", ["rule", "statement", "expires"], "expires"),
        ("bootInteg", ["platform", "bootIntegrity"], "bootIntegrity"),
    ])
    func suggests(word: String, candidates: [String], expected: String) {
        #expect(Spelling.closest(to: word, in: candidates) == expected)
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Spelling.closest(to: "colour", in: ["platform", "passthrough"]) == nil)
        #expect(Spelling.closest(to: "x", in: [String]()) == nil)
        #expect(Spelling.didYouMean("zzzzzz", in: ["domain-vmport-off"]) == "")
    }

    @Test func editDistance() {
        #expect(Spelling.editDistance("kitten", "sitting") == 3)
        #expect(Spelling.editDistance("", "abc") == 3)
        #expect(Spelling.editDistance("same", "same") == 0)
    }
}
