import Compiler
import Foundation
import Testing

/// docs/controls.md's "Rules" column of the topic table and its section 3.1 ("Rules by topic key")
/// are made from the catalogue, so they cannot drift from it. After changing catalogue/*.yaml run
/// `HVHARDEN_UPDATE_GOLDEN=1 swift test --filter ControlsDocTests` and review the diff.
@Suite struct ControlsDocTests {
    static let path = Repo.root.appendingPathComponent("docs/controls.md")
    static let listStart = "### 3.1 Rules by topic key\n"
    static let listEnd = "\nTo regenerate the list"

    @Test func topicCountsAndRuleListMatchTheCatalogue() throws {
        let rules = try Repo.catalogue().rules
        let text = try String(contentsOf: Self.path, encoding: .utf8)
        let expected = try Self.render(text, rules: rules)
        if ProcessInfo.processInfo.environment["HVHARDEN_UPDATE_GOLDEN"] == "1" {
            try expected.write(to: Self.path, atomically: true, encoding: .utf8)
        }
        #expect(expected == text, "docs/controls.md is out of date: run HVHARDEN_UPDATE_GOLDEN=1 swift test --filter ControlsDocTests")
    }

    /// The document with the last column of each topic row and the body of section 3.1 remade.
    static func render(_ text: String, rules: [Rule]) throws -> String {
        let byTopic = Dictionary(grouping: rules, by: \.references.topic)
        var lines = text.components(separatedBy: "\n").map { line -> String in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
            guard cells.count > 3, line.hasPrefix("| "),
                  case let key = cells[1].trimmingCharacters(in: .whitespaces), TopicKey.all.contains(key)
            else { return line }
            return cells.dropLast(2).joined(separator: "|") + "| \(byTopic[key]?.count ?? 0) |"
        }.joined(separator: "\n")
        guard let start = lines.range(of: Self.listStart),
              let end = lines.range(of: Self.listEnd, range: start.upperBound..<lines.endIndex)
        else { throw DocError.sectionMissing }
        var body = "\nMade from `catalogue/*.yaml` (\(rules.count) rules). `°` marks an opt-in rule (selected only through\n"
        body += "`rules.enable`); `†` marks a rule with an `appliesWhen` posture condition (section 5).\n\n"
        for key in TopicKey.all {
            let cited = (byTopic[key] ?? []).sorted { $0.id < $1.id }
            let names = cited.map { rule in
                "`\(rule.id)`" + (rule.optIn ? "°" : "") + (rule.appliesWhen == PostureCondition() ? "" : "†")
            }
            body += "- **\(key)** (\(cited.count)): \(names.joined(separator: ", "))\n"
        }
        lines.replaceSubrange(start.upperBound..<end.lowerBound, with: body)
        return try Self.withCounts(lines, rules: rules)
    }

    /// Section 4's sentence "Of the N rules, …": how many target each kind of object.
    static func withCounts(_ text: String, rules: [Rule]) throws -> String {
        guard let start = text.range(of: "Of the "), let end = text.range(of: " carry an automatic fix.", range: start.upperBound..<text.endIndex)
        else { throw DocError.sectionMissing }
        let names: [(RuleTarget, String)] = [
            (.domain, "on domain XML"), (.hostFile, "on host files"), (.hostFact, "on host facts"), (.hostPath, "on host paths"),
            (.hostUnit, "on systemd units"), (.libvirtSecret, "on libvirt secrets"), (.manual, "are manual"),
        ]
        let counted = names.map { target, name in "\(rules.filter { $0.target == target }.count) \(name)" }
        var sentence = "Of the \(rules.count) rules, " + counted.dropLast().joined(separator: ", ") + " and " + counted.last!
        sentence += ";\n\(rules.filter { $0.fix != nil }.count)"
        var out = text
        out.replaceSubrange(start.lowerBound..<end.lowerBound, with: sentence)
        return out
    }

    enum DocError: Error { case sectionMissing }
}
