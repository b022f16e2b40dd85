import Foundation
import Yams

/// The rule catalogue: every rule hvharden knows, loaded from the YAML embedded in the binary
/// (`catalogue/*.yaml`, see scripts/generate-bundle.sh) or from given texts in tests.
public struct RuleCatalogue: Sendable {
    public let rules: [Rule]
    private let byID: [String: Rule]

    /// The shipped catalogue, decoded from its compact form (`RuleCatalogue+Compact.swift`).
    /// Loading it cannot fail at run time: a test decodes the same text and compares it with
    /// the rules loaded from the YAML.
    public static let shipped: RuleCatalogue = {
        do {
            return try RuleCatalogue(compact: Bundled.catalogueCompact)
        } catch {
            // The embedded catalogue is validated by the test suite; reaching this is a build bug.
            preconditionFailure("the embedded rule catalogue is invalid: \(error)")
        }
    }()

    public init(rules: [Rule]) {
        self.rules = rules.sorted { $0.id < $1.id }
        self.byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads catalogue files, each a YAML list of rules; reports every problem found.
    public init(files: [(name: String, text: String)]) throws {
        var rules: [Rule] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            do {
                guard let node = try Yams.compose(yaml: file.text) else { continue }
                diagnostics += CatalogueKeyChecker(file: file.name).check(node)
                for ruleNode in node.sequence ?? [] {
                    do {
                        let rule = try YAMLDecoder().decode(Rule.self, from: ruleNode)
                        let at = SourceLocation(file: file.name, line: ruleNode.mark?.line ?? 1, column: ruleNode.mark?.column ?? 1)
                        diagnostics += rule.catalogueProblems.map { .error($0, at: at, rule: rule.id) }
                        rules.append(rule)
                    } catch let error as DecodingError {
                        let at = SourceLocation(file: file.name, line: ruleNode.mark?.line ?? 1, column: ruleNode.mark?.column ?? 1)
                        diagnostics.append(.error(CatalogueKeyChecker.describe(error), at: at, rule: ruleNode.mapping?["id"]?.string))
                    }
                }
            } catch {
                diagnostics.append(.error("\(error)", at: SourceLocation(file: file.name, line: 1, column: 1)))
            }
        }
        var seen: Set<String> = []
        for rule in rules where !seen.insert(rule.id).inserted {
            diagnostics.append(.error("duplicate rule id '\(rule.id)'", at: nil, rule: rule.id))
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        self.init(rules: rules)
    }

    public func rule(_ id: String) -> Rule? { byID[id] }

    public var ids: [String] { rules.map(\.id) }
}
