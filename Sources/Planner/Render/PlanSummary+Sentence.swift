extension PlanSummary {
    /// The plan's last line, in one fixed form that scripts may grep:
    /// `Plan: 12 changes on 3 domains and 2 files; 4 findings; 1 waived.`
    /// Every noun agrees with its count ("1 change on 1 domain and 1 file"); zero is plural.
    /// With path changes the objects read "3 domains, 2 files and 4 paths".
    public var sentence: String {
        "Plan: \(Self.count(changes, "change")) on \(Self.objects(domains: domainsChanged, files: filesChanged, paths: pathsChanged)); "
            + "\(Self.count(findings, "finding")); \(waived) waived."
    }

    /// "3 domains and 2 files", or "3 domains, 2 files and 4 paths" when paths change.
    public static func objects(domains: Int, files: Int, paths: Int) -> String {
        guard paths > 0 else { return "\(count(domains, "domain")) and \(count(files, "file"))" }
        return "\(count(domains, "domain")), \(count(files, "file")) and \(count(paths, "path"))"
    }

    /// "1 change", "0 changes", "2 changes". Every noun the summary uses takes a plain "s".
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
