import Foundation
import Testing
@testable import Compiler

/// Item 13: a huge rule id costs no more than a short one, and thousands of mistakes print a
/// bounded report (the count and the exit status stay right).
@Suite struct DiagnosticVolumeTests {
    static let clock = ContinuousClock()

    @Test func didYouMeanOnAMegabyteWordIsFast() {
        let word = String(repeating: "domain-vtpm", count: 100_000)
        var suggestion: String?
        let elapsed = Self.clock.measure { suggestion = Spelling.closest(to: word, in: RuleCatalogue.shipped.ids) }
        #expect(suggestion == nil)
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    /// The band: words whose lengths differ by more than the plausible distance are not compared
    /// at all, and a comparison stops once every cell of a row is over the limit.
    @Test func editDistanceIsBounded() {
        var work = 0
        #expect(Spelling.editDistance("kitten", "sitting", limit: 3, work: &work) == 3)
        #expect(Spelling.editDistance("kitten", "sitting", limit: 2, work: &work) == nil)
        work = 0
        #expect(Spelling.editDistance(String(repeating: "a", count: 60), String(repeating: "b", count: 60), limit: 4, work: &work) == nil)
        #expect(work <= 60 * 9 * 2, "visited \(work) cells")
        work = 0
        #expect(Spelling.editDistance(String(repeating: "a", count: 5000), "a", limit: 4, work: &work) == nil)
        #expect(work == 0)
    }

    @Test func suggestionsStillWork() {
        #expect(Spelling.closest(to: "passthru", in: ["passthrough", "platform"]) == "passthrough")
        #expect(Spelling.closest(to: "domain-vmport-of", in: ["domain-vmport-off", "domain-vtpm"]) == "domain-vmport-off")
        #expect(Spelling.closest(to: "bootInteg", in: ["bootIntegrity"]) == "bootIntegrity")
        #expect(Spelling.closest(to: "foo", in: ["platform"]) == nil)
        #expect(Spelling.closest(to: String(repeating: "x", count: 65), in: [String(repeating: "x", count: 66)]) == nil)
    }

    @Test func megabyteRuleIdInAProfileIsFast() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let id = String(repeating: "x", count: 1_000_000)
        let path = try directory.write("big.yaml", profileHeader() + "rules: {enable: [\(id)]}\n")
        var diagnostics: [Diagnostic] = []
        let elapsed = Self.clock.measure { diagnostics = ProfileTestSupport.diagnostics([path]) }
        #expect(elapsed < .seconds(3), "took \(elapsed)")
        #expect(diagnostics.count == 1)
        #expect((diagnostics.first?.description.utf8.count ?? .max) < 300)
    }

    @Test func thirtyFiveThousandUnknownIdsPrintABoundedReport() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let ids = (0..<35_000).map { "unknown-rule-\($0)" }.joined(separator: ", ")
        let path = try directory.write("many.yaml", profileHeader() + "rules: {enable: [\(ids)]}\n")
        var thrown: DiagnosticsError?
        let elapsed = Self.clock.measure {
            do { _ = try ProfileTestSupport.compile([path]) } catch let caught { thrown = caught as? DiagnosticsError }
        }
        let error = try #require(thrown)
        #expect(elapsed < .seconds(20), "took \(elapsed)")
        #expect(error.diagnostics.count == 35_000, "every error is still counted")
        let printed = Diagnostic.printable(error.diagnostics)
        #expect(printed.count == Diagnostic.printedPerFile + 1)
        #expect(printed.last?.description == "\(path):4:\(printed.last?.location?.column ?? 0): note: … and 34950 more errors in this file (not shown)")
        #expect(error.description.utf8.count < 16_000, "\(error.description.utf8.count) bytes")
        #expect(error.description.split(separator: "\n").count == Diagnostic.printedPerFile + 1)
    }

    @Test func capIsPerFileAndCountsWarningsApart() {
        let a = (1...60).map { Diagnostic.error("e\($0)", at: SourceLocation(file: "a.yaml", line: $0, column: 1)) }
        let b = (1...3).map { Diagnostic.error("e\($0)", at: SourceLocation(file: "b.yaml", line: $0, column: 1)) }
        let w = (61...65).map { Diagnostic(.warning, "w\($0)", at: SourceLocation(file: "a.yaml", line: $0, column: 1)) }
        let printed = Diagnostic.printable(a + w + b, perFile: 50)
        #expect(printed.filter { $0.location?.file == "a.yaml" }.count == 51)
        #expect(printed.filter { $0.location?.file == "b.yaml" }.count == 3)
        #expect(printed.contains { $0.description == "a.yaml:51:1: note: … and 10 more errors and 5 more warnings in this file (not shown)" })
        #expect(Diagnostic.printable(b, perFile: 50) == b)
    }
}
