import Foundation
import Testing
@testable import Compiler
import TestSupport

@Suite struct RuleCatalogueTests {
    @Test func shippedCatalogueLoads() throws {
        let catalogue = try RuleCatalogue(files: Bundled.catalogue)
        #expect(!catalogue.rules.isEmpty)
        #expect(catalogue.rules.map(\.id) == catalogue.rules.map(\.id).sorted())
    }

    @Test func unknownKeyInARuleIsReportedWithItsLine() throws {
        let yaml = """
        - id: x
          titel: typo
        """
        #expect(throws: DiagnosticsError.self) { try RuleCatalogue(files: [("bad.yaml", yaml)]) }
        do {
            _ = try RuleCatalogue(files: [("bad.yaml", yaml)])
        } catch let error as DiagnosticsError {
            #expect(error.diagnostics.contains { $0.message == "unknown key 'titel'" && $0.location?.line == 2 })
        }
    }

    /// The copies embedded in the binary equal catalogue/*.yaml and profiles/*.yaml on disk
    /// (run scripts/generate-bundle.sh after editing them).
    @Test(arguments: ["catalogue", "profiles"])
    func embeddedCopiesAreCurrent(_ folder: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let embedded = folder == "catalogue" ? Bundled.catalogue : Bundled.profiles
        #expect(embedded.map(\.name) == names, "run scripts/generate-bundle.sh")
        for (name, text) in embedded {
            var disk = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            if disk.hasSuffix("\n") { disk.removeLast() }
            #expect(text == disk, "\(folder)/\(name) differs from its embedded copy: run scripts/generate-bundle.sh")
        }
    }
}
