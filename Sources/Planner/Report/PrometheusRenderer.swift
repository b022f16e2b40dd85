import Compiler
import Foundation

/// A plan as Prometheus text-format metrics, for node_exporter's textfile collector (a drift
/// check writes them after each plan): how many changes, unwaived findings by severity, waived
/// items and pending restarts; which rules fail and on how many targets; when the plan was made
/// and how long it took. Every series carries the `host` label, so one collector directory can
/// hold the files of several plans. Secrets never appear: only counts, rule ids and severities.
public struct PrometheusRenderer: Sendable {
    public var hostName: String
    /// When the plan was made (a saved plan: when its file was written).
    public var timestamp: Date
    /// How long planning took; nil when unknown (a saved plan).
    public var duration: TimeInterval?

    public init(hostName: String, timestamp: Date, duration: TimeInterval?) {
        self.hostName = hostName
        self.timestamp = timestamp
        self.duration = duration
    }

    public func render(_ plan: Plan) -> String {
        var out = ""
        let host = "host=\"\(Self.escape(hostName))\""
        func family(_ name: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for sample in samples { out += "\(name){\(host)\(sample.labels.isEmpty ? "" : ",")\(sample.labels)} \(sample.value)\n" }
        }
        family("hvharden_changes", "Edits apply would make.", [("", "\(plan.changes.count)")])
        family("hvharden_findings", "Unwaived findings, by severity.", Severity.allCases.map { severity in
            ("severity=\"\(severity.rawValue)\"", "\(plan.findings.filter { $0.severity == severity }.count)")
        })
        family("hvharden_waived", "Items that would fail but are covered by an unexpired waiver.", [("", "\(plan.waived.count)")])
        family("hvharden_pending_restart", "Running domains whose live definition differs until their next cold boot.",
               [("", "\(plan.pendingRestart.count)")])
        var targets: [String: (Severity, Set<String>)] = [:]
        for change in plan.changes { targets[change.rule, default: (change.severity, [])].1.insert(change.address.object) }
        for finding in plan.findings { targets[finding.rule, default: (finding.severity, [])].1.insert(finding.address.object) }
        family("hvharden_rule_noncompliant", "Targets (domains, files, the host) on which a rule fails, changes or findings.",
               targets.keys.sorted().map { rule in
                   ("rule=\"\(Self.escape(rule))\",severity=\"\(targets[rule]!.0.rawValue)\"", "\(targets[rule]!.1.count)")
               })
        family("hvharden_last_plan_timestamp_seconds", "When the plan was made, in seconds since the Unix epoch.",
               [("", String(format: "%.3f", timestamp.timeIntervalSince1970))])
        if let duration {
            family("hvharden_plan_duration_seconds", "How long planning took.", [("", String(format: "%.3f", duration))])
        }
        family("hvharden_info", "The hvharden version and the profile digest the plan was made with.",
               [("version=\"\(Self.escape(plan.hvhardenVersion))\",profile_digest=\"\(Self.escape(plan.profileDigest))\"", "1")])
        return out
    }

    /// Label values escape backslash, double quote and line feed (the text format's rule).
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
