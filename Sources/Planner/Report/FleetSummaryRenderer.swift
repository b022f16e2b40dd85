import Foundation

/// Renders a `FleetSummary`: a text table for people, or JSON (keys sorted) for programs.
public enum FleetSummaryRenderer {
    /// A summary line, the hosts table, then the rules table; ends in a newline. Strings that
    /// came from plan files are shown with control characters escaped.
    public static func text(_ summary: FleetSummary) -> String {
        var lines = [
            "Fleet: \(count(summary.plans, "plan")); \(summary.hostsWithChanges) with changes, "
                + "\(summary.hostsWithFindings) with findings; \(count(summary.changes, "change")), "
                + "\(count(summary.findings, "finding")), \(summary.waived) waived.",
            "",
        ]
        lines += table(
            ["HOST", "CHANGES", "DOMAINS", "FILES", "FINDINGS", "WAIVED", "RESTART", "URI", "PLAN"],
            summary.hosts.map { h in
                [h.host, "\(h.changes)", "\(h.domainsChanged)", "\(h.filesChanged)", "\(h.findings)", "\(h.waived)",
                 "\(h.pendingRestart)", h.connectURI, h.plan]
            })
        if !summary.rules.isEmpty {
            lines.append("")
            lines += table(
                ["RULE", "SEVERITY", "HOSTS CHANGED", "DOMAINS CHANGED", "HOSTS FINDING", "DOMAINS FINDING", "WAIVED"],
                summary.rules.map { r in
                    [r.rule, r.severity.rawValue, "\(r.hostsChanged)", "\(r.domainsChanged)", "\(r.hostsWithFindings)",
                     "\(r.domainsWithFindings)", "\(r.waived)"]
                })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary as indented JSON with sorted keys, ending in a newline.
    public static func json(_ summary: FleetSummary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(summary)
        data.append(0x0A)
        return data
    }

    /// Columns padded to their widest cell; numbers right-aligned, text left-aligned, the
    /// last column unpadded so lines carry no trailing spaces.
    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let cells = [header] + rows.map { $0.map(\.terminalSafe) }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        let numeric = header.indices.map { column in !rows.isEmpty && rows.allSatisfy { Int($0[column]) != nil } }
        return cells.map { row in
            row.indices.map { column in
                let cell = row[column]
                if column == row.count - 1 { return cell }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numeric[column] ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
