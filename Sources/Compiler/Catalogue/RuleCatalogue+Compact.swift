import Foundation

/// The compact form of the shipped catalogue: the rules as JSON, generated from the YAML by
/// scripts/generate-bundle.sh (`hvharden-bundle-compactor`) and embedded next to it
/// (`Bundled.catalogueCompact`). Decoding JSON into the rules at start costs a fraction of
/// composing and resolving the YAML; the YAML stays the source of truth, and
/// `RuleCatalogueTests` checks that both give the same rules.
extension RuleCatalogue {
    /// The rules as JSON: an array with one rule per line, keys sorted, so the generated file
    /// changes line by line with the rules.
    public static func compactJSON(_ rules: [Rule]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = try rules.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return "[\n" + lines.joined(separator: ",\n") + "\n]"
    }

    /// The catalogue from its compact form. It was checked when it was generated (every problem
    /// `init(files:)` reports), so it is not checked again.
    init(compact: String) throws {
        self.init(rules: try JSONDecoder().decode([Rule].self, from: Data(compact.utf8)))
    }
}
