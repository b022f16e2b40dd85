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
    /// The compact form the binary decodes at start is the YAML's rules, exactly: same ids in the
    /// same order and every field equal (run scripts/generate-bundle.sh after editing the YAML).
    @Test func compactFormIsTheEmbeddedYAML() throws {
        let fromYAML = try RuleCatalogue(files: Bundled.catalogue)
        let compact = try RuleCatalogue(compact: Bundled.catalogueCompact)
        #expect(compact.ids == fromYAML.ids, "run scripts/generate-bundle.sh")
        for rule in fromYAML.rules {
            #expect(compact.rule(rule.id) == rule, "rule '\(rule.id)' differs in the compact form: run scripts/generate-bundle.sh")
        }
        #expect(RuleCatalogue.shipped.rules == fromYAML.rules)
        // The generator's own output for the same rules is byte for byte what is embedded.
        #expect(try RuleCatalogue.compactJSON(fromYAML.rules) == Bundled.catalogueCompact)
    }

    @Test func compactFormRejectsWhatIsNotARule() throws {
        #expect(throws: DecodingError.self) { try RuleCatalogue(compact: #"[{"id": "x"}]"#) }
    }

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
