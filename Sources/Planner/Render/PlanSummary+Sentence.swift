extension PlanSummary {
    /// The plan's last line, in one fixed form that scripts may grep:
    /// `Plan: 12 changes on 3 domains and 2 files; 4 findings; 1 waived.`
    /// Every noun agrees with its count ("1 change on 1 domain and 1 file"); zero is plural.
    public var sentence: String {
        "Plan: \(Self.count(changes, "change")) on \(Self.count(domainsChanged, "domain")) and "
            + "\(Self.count(filesChanged, "file")); \(Self.count(findings, "finding")); \(waived) waived."
    }

    /// "1 change", "0 changes", "2 changes". Every noun the summary uses takes a plain "s".
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
