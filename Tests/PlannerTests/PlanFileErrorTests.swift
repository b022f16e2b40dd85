import Foundation
import Testing
import Planner
import TestSupport

/// The plan-file reader's errors quote what the file holds only as a short, escaped prefix: a
/// damaged plan with a huge or hostile map key gives one readable line, not the key.
@Suite struct PlanFileErrorTests {
    static let golden = Repo.root.appendingPathComponent("Tests/LiveHostTests/Golden/lab-baseline.json")

    @Test(arguments: [String(repeating: "k", count: 100_000), "\u{1B}[2Jsite.yaml: ok\n::error::injected"])
    func aHostileKeyIsQuotedShortAndEscaped(key: String) throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.golden)) as? [String: Any])
        var basis = try #require(json["basis"] as? [String: Any])
        var facts = try #require(basis["facts"] as? [String: Any])
        facts[key] = 42  // facts are strings
        basis["facts"] = facts
        json["basis"] = basis
        let data = try JSONSerialization.data(withJSONObject: json)
        let error = try #require(throws: PlanFileError.self) { _ = try PlanFile.decode(data, name: "plan.json") }
        let text = "\(error)"
        #expect(text.contains("basis.facts"), "\(text.prefix(300))")
        #expect(text.count < 400, "\(text.count) characters")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 }, "\(text.debugDescription)")
    }
}
