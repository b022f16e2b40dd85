import Compiler

/// Saved plans from many hosts, aggregated: per host, what its plan holds; per rule, how many
/// hosts and domains it changes or reports. `hvharden summarize` prints it as a table or JSON.
///
/// A host is one plan file. It is labelled with the host of its connection URI when that names
/// another machine (`qemu+ssh://hv02/system`), and otherwise with the file's name without
/// `.json`, since every host plans its own `qemu:///system` and only the file tells them apart.
public struct FleetSummary: Codable, Sendable, Equatable {
    /// One plan's counts.
    public struct Host: Codable, Sendable, Equatable {
        /// The plan file, as named on the command line.
        public var plan: String
        public var host: String
        public var connectURI: String
        public var root: String
        public var hvhardenVersion: String
        public var profileDigest: String
        public var changes: Int
        public var domainsChanged: Int
        public var filesChanged: Int
        public var findings: Int
        public var waived: Int
        public var pendingRestart: Int
    }

    /// One rule across the fleet. Domains are counted per host (`web01` on two hosts is two).
    public struct Rule: Codable, Sendable, Equatable {
        public var rule: String
        public var severity: Severity
        public var hostsChanged: Int
        public var domainsChanged: Int
        public var hostsWithFindings: Int
        public var domainsWithFindings: Int
        public var changes: Int
        public var findings: Int
        public var waived: Int
    }

    public var plans: Int
    public var hostsWithChanges: Int
    public var hostsWithFindings: Int
    public var changes: Int
    public var findings: Int
    public var waived: Int
    /// In the order the plans were given.
    public var hosts: [Host]
    /// Rules that change, report or are waived anywhere: most hosts affected first, then by
    /// severity (highest first), then by id.
    public var rules: [Rule]

    /// True when any host's plan has a change: `summarize` then exits 2.
    public var hasChanges: Bool { hostsWithChanges > 0 }

    public init(plans named: [(name: String, plan: Plan)]) {
        hosts = named.map { name, plan in
            Host(
                plan: name, host: Self.label(name: name, connectURI: plan.connectURI), connectURI: plan.connectURI,
                root: plan.root, hvhardenVersion: plan.hvhardenVersion, profileDigest: plan.profileDigest,
                changes: plan.summary.changes, domainsChanged: plan.summary.domainsChanged, filesChanged: plan.summary.filesChanged,
                findings: plan.summary.findings, waived: plan.summary.waived, pendingRestart: plan.summary.pendingRestart)
        }
        plans = named.count
        hostsWithChanges = hosts.filter { $0.changes > 0 }.count
        hostsWithFindings = hosts.filter { $0.findings > 0 }.count
        changes = hosts.reduce(0) { $0 + $1.changes }
        findings = hosts.reduce(0) { $0 + $1.findings }
        waived = hosts.reduce(0) { $0 + $1.waived }

        var tally: [String: Tally] = [:]
        for (index, (_, plan)) in named.enumerated() {
            for change in plan.changes {
                tally[change.rule, default: Tally(severity: change.severity)].change(host: index, domain: change.address.name(of: DomainResource.self))
            }
            for finding in plan.findings {
                tally[finding.rule, default: Tally(severity: finding.severity)].finding(host: index, domain: finding.address.name(of: DomainResource.self))
            }
            for item in plan.waived {
                // A waived item carries no severity; the catalogue of this version knows it.
                let severity = RuleCatalogue.shipped.rule(item.rule)?.severity ?? .low
                tally[item.rule, default: Tally(severity: severity)].waived += 1
            }
        }
        let affected = tally.mapValues { $0.hostsChanged.union($0.hostsWithFindings).count }
        rules = tally.sorted { a, b in
            if affected[a.key]! != affected[b.key]! { return affected[a.key]! > affected[b.key]! }
            if a.value.severity != b.value.severity { return a.value.severity > b.value.severity }
            return a.key < b.key
        }.map { id, t in
            Rule(rule: id, severity: t.severity, hostsChanged: t.hostsChanged.count, domainsChanged: t.domainsChanged.count,
                 hostsWithFindings: t.hostsWithFindings.count, domainsWithFindings: t.domainsWithFindings.count,
                 changes: t.changes, findings: t.findings, waived: t.waived)
        }
    }

    /// The host of a remote URI, else the plan file's name without directory and `.json`.
    static func label(name: String, connectURI: String) -> String {
        if let host = HostScope.remoteHost(connectURI) { return host }
        let file = name.split(separator: "/").last.map(String.init) ?? name
        return file.hasSuffix(".json") && file.count > 5 ? String(file.dropLast(5)) : file
    }

    private struct Tally {
        var severity: Severity
        var hostsChanged: Set<Int> = []
        var domainsChanged: Set<String> = []
        var hostsWithFindings: Set<Int> = []
        var domainsWithFindings: Set<String> = []
        var changes = 0
        var findings = 0
        var waived = 0

        mutating func change(host: Int, domain: String?) {
            changes += 1
            hostsChanged.insert(host)
            if let domain { domainsChanged.insert("\(host)\u{0}\(domain)") }
        }

        mutating func finding(host: Int, domain: String?) {
            findings += 1
            hostsWithFindings.insert(host)
            if let domain { domainsWithFindings.insert("\(host)\u{0}\(domain)") }
        }
    }
}
