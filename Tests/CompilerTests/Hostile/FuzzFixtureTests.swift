import Foundation
import Testing
@testable import Compiler

/// Inputs the fuzzer (scripts/fuzz.sh) found, kept under Fixtures/fuzz/, and the in-memory
/// entry point it drives. Each must end in diagnostics (at least one error), never a crash, a
/// hang or a diagnostic line that breaks the rendering's promises.
@Suite struct FuzzFixtureTests {
    static let directory = ProfileTestSupport.fixtures.appendingPathComponent("fuzz")

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }()

    static func compile(_ bytes: [UInt8]) -> [Diagnostic] {
        do {
            return try Compiler.compile(sources: [(name: "fuzz/input.yaml", text: bytes)], today: ProfileTestSupport.today).warnings
        } catch {
            return error.diagnostics
        }
    }

    @Test func thereAreFuzzFixtures() {
        #expect(Self.inputs.count >= 1)
    }

    @Test(arguments: inputs) func fuzzInputEndsInDiagnostics(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure { diagnostics = Self.compile(bytes) }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        #expect(diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        for line in Diagnostic.printable(diagnostics).map(\.description) {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(line.debugDescription)")
            #expect(!line.hasPrefix("::"))
        }
    }

    /// The text entry point reads like files: located diagnostics under the given name, and
    /// texts that extend each other by relative path.
    @Test func textsCompileLikeFiles() throws {
        let base = Array((profileHeader("base") + "posture: {platform: hosted}\n").utf8)
        let site = Array((profileHeader("site") + "extends: [../base.yaml]\nbogus: 1\n").utf8)
        let diagnostics = try #require(throws: DiagnosticsError.self) {
            try Compiler.compile(sources: [(name: "fleet/site.yaml", text: site), (name: "base.yaml", text: base)])
        }.diagnostics
        #expect(diagnostics.map(\.description) == ["fleet/site.yaml:5:1: error: unknown key 'bogus' in a profile"])
        let fixed = Array((profileHeader("site") + "extends: [../base.yaml]\n").utf8)
        let policy = try Compiler.compile(sources: [(name: "fleet/site.yaml", text: fixed), (name: "base.yaml", text: base)]).policy
        #expect(policy.sources == ["base.yaml", "fleet/site.yaml"])
        #expect(policy.posture.platform == .hosted)
    }

    @Test func invalidTextNameIsAnError() {
        #expect(throws: DiagnosticsError.self) { try Compiler.compile(sources: [(name: "", text: [])]) }
    }
}
