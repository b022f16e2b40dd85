import Compiler

/// Rule metadata for `tool.driver.rules`, and the severity mappings.
extension SARIFRenderer {
    /// SARIF level by severity: critical and high fail a check, medium warns, low informs.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low: return "note"
        }
    }

    /// GitHub's `security-severity`: a CVSS-like score as a string. GitHub shows 9.0 and above as
    /// critical, 7.0–8.9 high, 4.0–6.9 medium and 0.1–3.9 low, so each score sits inside its band.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "2.0"
        }
    }

    static func descriptor(_ rule: Rule) -> SARIFLog.ReportingDescriptor {
        let references = referenceLines(rule.references)
        let guidance = PlanTextRenderer.oneLine(rule.guidance)
        let help = guidance + "\n\nReferences:\n" + references.map { "- \($0)" }.joined(separator: "\n")
        let markdown = "**What to do.** \(markdownEscaped(guidance))\n\n**References**\n\n"
            + references.map { "- \(markdownEscaped($0))" }.joined(separator: "\n")
        return SARIFLog.ReportingDescriptor(
            id: rule.id, name: pascalCase(rule.id),
            shortDescription: .init(text: rule.title),
            fullDescription: .init(text: PlanTextRenderer.oneLine(rule.rationale)),
            help: .init(text: help, markdown: markdown),
            defaultConfiguration: .init(level: level(rule.severity)),
            properties: [
                "tags": .strings(tags(rule)),
                "security-severity": .string(securitySeverity(rule.severity)),
                "precision": "very-high",
                "hvharden/severity": .string(rule.severity.rawValue),
                "hvharden/target": .string(rule.target.rawValue),
                "hvharden/effect": .string(rule.effect.rawValue),
            ])
    }

    /// A rule the planner itself reports without it being in the catalogue (a domain of another
    /// hypervisor driver): described from the finding, so every result still has its rule.
    static func plannerDescriptor(_ id: String, severity: Severity, guidance: String) -> SARIFLog.ReportingDescriptor {
        let text = PlanTextRenderer.oneLine(guidance)
        return SARIFLog.ReportingDescriptor(
            id: id, name: pascalCase(id),
            shortDescription: .init(text: id == PlannerRules.domainDriverInScope ? "Only QEMU/KVM domains are in scope" : "Reported by hvharden's planner"),
            fullDescription: .init(text: id == PlannerRules.domainDriverInScope
                ? "hvharden evaluates and edits QEMU/KVM domains only; a domain of another driver is reported, not checked."
                : "A check the planner makes itself, outside the rule catalogue."),
            help: .init(text: text, markdown: text),
            defaultConfiguration: .init(level: level(severity)),
            properties: [
                "tags": .strings(["security", "hvharden"]),
                "security-severity": .string(securitySeverity(severity)),
                "precision": "very-high",
                "hvharden/severity": .string(severity.rawValue),
            ])
    }

    /// Tags GitHub shows and filters on: the references, each under its catalogue's prefix.
    static func tags(_ rule: Rule) -> [String] {
        let r = rule.references
        var tags = ["security", "hvharden/\(rule.target.rawValue)", "nist-800-125a/\(r.function)", "nist-800-125a/\(r.topic)"]
        tags += r.sp80053.map { "nist-800-53/\($0)" }
        tags += r.srg.map { "disa-srg/\($0)" }
        tags += r.ipd.map { "nist-800-125a-draft/\($0)" }
        return tags
    }

    /// One line per reference, for the rule's help text.
    static func referenceLines(_ r: References) -> [String] {
        var lines = ["NIST SP 800-125A Rev 1: \(r.function), topic \(r.topic)" + (r.hySR.map { ", \($0)" } ?? "")]
        if !r.sp80053.isEmpty { lines.append("NIST SP 800-53: \(r.sp80053.joined(separator: ", "))") }
        if !r.srg.isEmpty { lines.append("DISA VMM SRG: \(r.srg.joined(separator: ", "))") }
        if !r.ipd.isEmpty { lines.append("NIST SP 800-125A draft (2014): \(r.ipd.joined(separator: ", "))") }
        return lines
    }

    /// Text with Markdown's active characters backslash-escaped: guidance names XML elements
    /// (`<cpu>`), which a Markdown viewer would otherwise take for HTML and drop.
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// `domain-graphics-auth` → `DomainGraphicsAuth`: SARIF's `name` is an identifier-like
    /// form of the rule for people, the id stays the key.
    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
