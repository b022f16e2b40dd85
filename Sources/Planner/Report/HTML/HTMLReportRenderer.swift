import Compiler
import Foundation

/// A plan as one self-contained HTML page for people who do not run hvharden (auditors,
/// reviewers): the basis (host, profile digest, hvharden version, time), a summary by severity,
/// the host facts the rules read, a table per target, waived items with reason and expiry,
/// manual steps with their attestation, and pending restarts. The style is inline
/// (`HTMLReportStyle`); nothing is loaded from anywhere and no script runs. Every text from the
/// plan is escaped, and only display values appear (`(sensitive)` for secrets), never edits.
public struct HTMLReportRenderer: Sendable {
    public var policy: Policy
    public var hostName: String
    public var made: Date

    public init(policy: Policy, hostName: String, made: Date) {
        self.policy = policy
        self.hostName = hostName
        self.made = made
    }

    public func render(_ plan: Plan) -> String {
        let evidence = RuleEvidence(plan: plan, policy: policy)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>hvharden report: \(Self.escape(hostName))</title>
            <style>\(HTMLReportStyle.css)</style>
            </head>
            <body>
            <h1>hvharden report: \(Self.escape(hostName))</h1>

            """
        html += basis(plan)
        html += summary(plan, evidence)
        html += notes(plan)
        html += waived(evidence)
        html += manual(evidence)
        html += restarts(plan)
        for target in evidence.targets {
            html += table(target, evidence.items.filter { $0.target == target })
        }
        html += facts(plan)
        html += "</body>\n</html>\n"
        return html
    }

    private func basis(_ plan: Plan) -> String {
        let rows: [(String, String)] = [
            ("Host", hostName), ("Connection", plan.connectURI), ("Root", plan.root),
            ("Planned", OSCAL.timestamp(made).text), ("hvharden version", plan.hvhardenVersion),
            ("Profiles", plan.profiles.isEmpty ? "(catalogue defaults)" : plan.profiles.joined(separator: ", ")),
            ("Profile digest", plan.profileDigest), ("Rules selected", "\(plan.policy.rules.count)"),
        ]
        return "<section><h2>Basis</h2>\n<table class=\"kv\">\n"
            + rows.map { "<tr><th>\(Self.escape($0.0))</th><td><code>\(Self.escape($0.1))</code></td></tr>\n" }.joined()
            + "</table></section>\n"
    }

    private func summary(_ plan: Plan, _ evidence: RuleEvidence) -> String {
        var html = "<section><h2>Summary</h2>\n<p class=\"verdict \(plan.isClean ? "ok" : "bad")\">"
        html += plan.isClean ? "Compliant: nothing to change and no unwaived finding." :
            "\(plan.changes.count) changes on \(PlanSummary.objects(domains: plan.summary.domainsChanged, files: plan.summary.filesChanged, paths: plan.summary.pathsChanged)); "
            + "\(plan.findings.count) findings; \(plan.waived.count) waived."
        html += "</p>\n<table>\n<caption>Rules on targets, by the rule's severity</caption>\n"
            + "<tr><th>Severity</th><th>Satisfied</th><th>To change</th><th>Findings</th><th>Waived</th><th>Not assessed</th></tr>\n"
        for severity in Severity.allCases.reversed() {
            let items = evidence.items.filter { $0.severity == severity }
            func count(_ matches: (RuleEvidence.Status) -> Bool) -> Int { items.filter { matches($0.status) }.count }
            let counts = [
                count(\.isSatisfied), count { $0 == .changes }, count { $0 == .findings },
                count { if case .waived = $0 { true } else { false } }, count { if case .notAssessed = $0 { true } else { false } },
            ]
            html += "<tr><td><span class=\"sev \(severity.rawValue)\">\(severity.rawValue)</span></td>"
                + counts.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        return html + "</table></section>\n"
    }

    private func facts(_ plan: Plan) -> String {
        guard !plan.basis.facts.isEmpty else { return "" }
        return "<section><h2>Host facts</h2>\n<table class=\"kv\">\n"
            + plan.basis.facts.keys.sorted().map { name in
                "<tr><th><code>\(Self.escape(name))</code></th><td><code>\(Self.escape(plan.basis.facts[name]!))</code></td></tr>\n"
            }.joined()
            + "</table></section>\n"
    }

    private func notes(_ plan: Plan) -> String {
        guard !plan.notes.isEmpty else { return "" }
        return "<section><h2>Notes</h2>\n<ul>\n" + plan.notes.map { "<li>\(Self.escape($0))</li>\n" }.joined() + "</ul></section>\n"
    }

    private func table(_ target: Address, _ items: [RuleEvidence.Item]) -> String {
        let failing = items.filter { !$0.status.isSatisfied }.count
        var html = "<section><h2>\(Self.escape(target.object))</h2>\n"
        html += "<p>\(items.count) rules, \(items.count - failing) satisfied.</p>\n"
        html += "<table>\n<tr><th>Rule</th><th>Severity</th><th>Status</th><th>Evidence</th></tr>\n"
        for item in items {
            html += "<tr><td><code>\(Self.escape(item.rule))</code><br><small>\(Self.escape(item.title))</small></td>"
            html += "<td><span class=\"sev \(item.severity.rawValue)\">\(item.severity.rawValue)</span></td>"
            html += "<td>\(Self.status(item.status))</td><td>\(details(item))</td></tr>\n"
        }
        return html + "</table></section>\n"
    }

    private func details(_ item: RuleEvidence.Item) -> String {
        switch item.status {
        case .attested(let statement, _): return Self.escape(statement)
        case .notAssessed(let reason): return Self.escape(reason)
        case .satisfied: return item.controls.isEmpty ? "" : "<small>\(Self.escape(item.controls.joined(separator: ", ")))</small>"
        case .changes, .findings, .waived:
            return item.details.map { detail in
                let at = "<code>\(Self.escape(detail.path ?? "(whole object)"))</code>"
                if let before = detail.before, let after = detail.after {
                    return "<div>\(at): <code>\(Self.escape(before))</code> → <code>\(Self.escape(after))</code></div>"
                }
                let guidance = detail.guidance.map { "<br><small>What to do: \(Self.escape($0))</small>" } ?? ""
                return "<div>\(Self.escape(detail.kind ?? "finding")) at \(at): \(Self.escape(detail.message ?? ""))\(guidance)</div>"
            }.joined()
        }
    }

    private func waived(_ evidence: RuleEvidence) -> String {
        let items = evidence.items.compactMap { item -> (RuleEvidence.Item, String, String)? in
            if case .waived(let reason, let expires) = item.status { return (item, reason, expires) }
            return nil
        }
        guard !items.isEmpty else { return "" }
        return "<section><h2>Waived</h2>\n<table>\n<tr><th>Rule</th><th>Target</th><th>Reason</th><th>Expires</th></tr>\n"
            + items.map { item, reason, expires in
                "<tr><td><code>\(Self.escape(item.rule))</code></td><td>\(Self.escape(item.target.object))</td>"
                    + "<td>\(Self.escape(reason))</td><td>\(Self.escape(expires))</td></tr>\n"
            }.joined()
            + "</table></section>\n"
    }

    private func manual(_ evidence: RuleEvidence) -> String {
        let items = evidence.items.filter { !$0.automated }
        guard !items.isEmpty else { return "" }
        return "<section><h2>Manual steps</h2>\n<table>\n<tr><th>Rule</th><th>Status</th><th>Attestation</th></tr>\n"
            + items.map { item in
                let attestation: String
                switch item.status {
                case .attested(let statement, let expires):
                    attestation = Self.escape(statement) + (expires.map { " <small>(until \(Self.escape($0)))</small>" } ?? "")
                default:
                    attestation = "not attested"
                }
                return "<tr><td><code>\(Self.escape(item.rule))</code><br><small>\(Self.escape(item.title))</small></td>"
                    + "<td>\(Self.status(item.status))</td><td>\(attestation)</td></tr>\n"
            }.joined()
            + "</table></section>\n"
    }

    private func restarts(_ plan: Plan) -> String {
        guard !plan.pendingRestart.isEmpty else { return "" }
        return "<section><h2>Pending restarts</h2>\n<ul>\n"
            + plan.pendingRestart.map { pending in
                "<li>domain '\(Self.escape(pending.domain))': \(Self.escape(pending.rules.joined(separator: ", ")))</li>\n"
            }.joined()
            + "</ul></section>\n"
    }

    private static func status(_ status: RuleEvidence.Status) -> String {
        switch status {
        case .satisfied: return "<span class=\"st ok\">satisfied</span>"
        case .attested: return "<span class=\"st ok\">attested</span>"
        case .changes: return "<span class=\"st bad\">change</span>"
        case .findings: return "<span class=\"st bad\">finding</span>"
        case .waived(_, let expires): return "<span class=\"st waived\">waived until \(escape(expires))</span>"
        case .notAssessed: return "<span class=\"st skip\">not assessed</span>"
        }
    }

    /// `text` safe inside HTML elements and quoted attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
