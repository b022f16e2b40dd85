extension Diagnostic {
    /// How many diagnostics of one file are printed; a file with thousands of mistakes is
    /// generated or hostile, and the first screenful says what is wrong with it.
    public static let printedPerFile = 50

    /// The diagnostics to print: the first `perFile` of each file (unlocated ones count as one
    /// file), in the given order, then for a file with more a note at the first one left out:
    /// `… and 34950 more errors in this file (not shown)`. The caller's list keeps every
    /// diagnostic, so counts and the exit status do not change; only the printing is bounded.
    public static func printable(_ diagnostics: [Diagnostic], perFile limit: Int = printedPerFile) -> [Diagnostic] {
        var shown: [String?: Int] = [:]
        var omitted: [String?: (first: Diagnostic, errors: Int, warnings: Int, notes: Int)] = [:]
        var order: [String?] = []
        var printed: [Diagnostic] = []
        for diagnostic in diagnostics {
            let file = diagnostic.location?.file
            if shown[file, default: 0] < limit {
                shown[file, default: 0] += 1
                printed.append(diagnostic)
                continue
            }
            if omitted[file] == nil { order.append(file) }
            var entry = omitted[file] ?? (diagnostic, 0, 0, 0)
            switch diagnostic.severity {
            case .error: entry.errors += 1
            case .warning: entry.warnings += 1
            case .note: entry.notes += 1
            }
            omitted[file] = entry
        }
        for file in order {
            guard let entry = omitted[file] else { continue }
            let counts = [(entry.errors, "error"), (entry.warnings, "warning"), (entry.notes, "note")]
                .filter { $0.0 > 0 }
                .map { "\($0.0) more \($0.1)\($0.0 == 1 ? "" : "s")" }
                .joined(separator: " and ")
            let place = file == nil ? "" : " in this file"
            printed.append(Diagnostic(.note, "… and \(counts)\(place) (not shown)", at: entry.first.location))
        }
        return printed
    }
}
