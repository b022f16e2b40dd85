import Compiler
import Foundation
import Testing

/// docs/controls.md section 8 is written by hand, row by row, so nothing regenerates it. These
/// tests hold it to the catalogue instead: every rule a row names exists and carries the marks
/// its row gives it, a row's status agrees with the kinds of rule it names, and the totals table
/// is the sum of the rows above it.
@Suite struct CoverageTableTests {
    struct Row {
        var section: String
        var control: String
        var rules: [(id: String, marks: String)]
        var status: String
    }

    static let statuses: Set<String> = ["fully", "partly", "manual", "gap"]

    /// The rows of subsections 8.1 … 8.6 (the ones whose last cell is a status), and the totals table.
    static func table() throws -> (rows: [Row], totals: [String: [String]]) {
        let text = try String(contentsOf: ControlsDocTests.path, encoding: .utf8)
        guard let start = text.range(of: "## 8. Coverage of external references\n") else { throw ControlsDocTests.DocError.sectionMissing }
        var rows: [Row] = [], totals: [String: [String]] = [:], section = ""
        for line in text[start.upperBound...].components(separatedBy: "\n") {
            if line.hasPrefix("## ") { break }
            if line.hasPrefix("### ") { section = String(line.dropFirst(4)); continue }
            guard line.hasPrefix("| ") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if section.hasPrefix("8.7"), cells.count == 7, let first = cells.first, first.hasPrefix("8.") || first.contains("All") {
                totals[first.replacingOccurrences(of: "*", with: "")] = cells.dropFirst().map { $0.replacingOccurrences(of: "*", with: "") }
                continue
            }
            guard cells.count == 4, case let status = cells[3].trimmingCharacters(in: CharacterSet(charactersIn: "`")),
                  statuses.contains(status) else { continue }
            rows.append(Row(section: section, control: cells[0], rules: Self.ruleNames(cells[2]), status: status))
        }
        return (rows, totals)
    }

    /// "`a`°, `b`†" → [("a", "°"), ("b", "†")]; "—" → [].
    static func ruleNames(_ cell: String) -> [(id: String, marks: String)] {
        cell.split(separator: ",").compactMap { item in
            let parts = item.trimmingCharacters(in: .whitespaces).split(separator: "`", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            return (String(parts[1]), String(parts[2]))
        }
    }

    @Test func everyNamedRuleExistsWithItsMarks() throws {
        let byID = Dictionary(uniqueKeysWithValues: try Repo.catalogue().rules.map { ($0.id, $0) })
        let (rows, _) = try Self.table()
        #expect(rows.count > 150, "section 8 lost its rows: \(rows.count) parsed")
        for row in rows {
            for (id, marks) in row.rules {
                guard let rule = byID[id] else {
                    Issue.record("\(row.section) / \(row.control): no rule \(id) in the catalogue")
                    continue
                }
                let expected = (rule.optIn ? "°" : "") + (rule.appliesWhen == PostureCondition() ? "" : "†")
                #expect(marks == expected, "\(row.control): `\(id)` is marked '\(marks)', the catalogue says '\(expected)'")
            }
        }
    }

    @Test func statusAgreesWithTheRulesNamed() throws {
        let byID = Dictionary(uniqueKeysWithValues: try Repo.catalogue().rules.map { ($0.id, $0) })
        for row in try Self.table().rows {
            let kinds = row.rules.compactMap { byID[$0.id]?.target }
            switch row.status {
            case "gap":
                #expect(row.rules.isEmpty, "\(row.control) is a gap but names \(row.rules.map(\.id))")
            case "manual":
                #expect(!kinds.isEmpty && kinds.allSatisfy { $0 == .manual }, "\(row.control) is manual but names an automatic rule or none")
            default:
                #expect(kinds.contains { $0 != .manual }, "\(row.control) is \(row.status) but names no automatic rule")
            }
        }
    }

    @Test func totalsAreTheSumOfTheRows() throws {
        let (rows, totals) = try Self.table()
        var all = [0, 0, 0, 0]
        for (label, cells) in totals where label != "All" {
            let counted = label.hasPrefix("8.2") ? [] : rows.filter { $0.section.hasPrefix(String(label.prefix(3))) }
            let counts = ["fully", "partly", "manual", "gap"].map { status in counted.filter { $0.status == status }.count }
            if label.hasPrefix("8.2") {
                #expect(cells[0] == "0", "8.2 is informational and counts no rows")
                continue
            }
            #expect(cells[0] == "\(counted.count)", "\(label): applicable \(cells[0]), rows \(counted.count)")
            #expect(Array(cells[1...4]) == counts.map(String.init), "\(label): totals \(cells[1...4]), rows \(counts)")
            #expect(cells[5] == Self.percent(counts), "\(label): covered \(cells[5]), rows give \(Self.percent(counts))")
            all = zip(all, counts).map { $0 + $1 }
        }
        #expect(totals.count == 7, "the totals table should have six references and a sum: \(totals.keys.sorted())")
        let sum = try #require(totals["All"])
        #expect(Array(sum[1...4]) == all.map(String.init) && sum[0] == "\(all.reduce(0, +))")
        #expect(sum[5] == Self.percent(all))
        let covered = all[0] + all[1] + all[2], applicable = all.reduce(0, +)
        #expect(Double(covered) / Double(applicable) >= 0.9, "below 90 % covered: \(covered) of \(applicable)")
    }

    /// (fully + partly + manual) / applicable, one decimal, as the table prints it.
    static func percent(_ counts: [Int]) -> String {
        let value = Double(counts[0] + counts[1] + counts[2]) * 100 / Double(counts.reduce(0, +))
        return String(format: "%.1f %%", value)
    }
}
