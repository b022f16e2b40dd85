import Testing
@testable import Compiler

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
}
