extension RuleListing {
    /// The columns of the text table, in order: heading and cell text. A missing value reads
    /// `-`, so every row has the same number of words before the title.
    static let columns: [(heading: String, cell: @Sendable (Entry) -> String)] = [
        ("ID", { $0.id }),
        ("SEVERITY", { $0.severity.rawValue }),
        ("TARGET", { $0.target.rawValue }),
        ("FIX", { $0.fixable ? "yes" : "no" }),
        ("EFFECT", { $0.effect.rawValue }),
        ("OPT-IN", { $0.optIn ? "yes" : "no" }),
        // `-` for a rule the policy does not select (only `--all` lists those).
        ("ENFORCEMENT", { $0.enforcement?.rawValue ?? "-" }),
        ("FUNCTION", { $0.references.function }),
        ("TOPIC", { $0.references.topic }),
        ("HY-SR", { $0.references.hySR ?? "-" }),
        ("SP-800-53", { dashIfEmpty($0.references.sp80053.joined(separator: ",")) }),
        ("SRG", { dashIfEmpty($0.references.srg.joined(separator: ",")) }),
        ("TITLE", { $0.title }),
        // Last, because lists of values can be long and would push everything after them.
        ("PARAMETERS", { entry in
            entry.parameters.keys.sorted().map { "\($0)=\(entry.parameters[$0]!)" }.joined(separator: "; ")
        }),
    ]

    /// The listing as an aligned table: a heading line, one rule per line in id order, and the
    /// count line (`summary`). Columns are separated by at least two spaces; lines carry no
    /// trailing spaces; the text ends with a newline.
    public static func text(_ listing: RuleListing) -> String {
        let rows = [columns.map(\.heading)] + listing.entries.map { entry in columns.map { $0.cell(entry) } }
        let widths = columns.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] + 2 - cell.count)
            }.joined().trimmingTrailingSpaces
        }
        lines.append(listing.summary)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func dashIfEmpty(_ text: String) -> String { text.isEmpty ? "-" : text }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
