import Foundation
import Testing
@testable import Compiler
import TestSupport

/// `hvharden rules`'s listing: which rules it holds, the aligned table and the JSON shape.
@Suite struct RuleListingTests {
    /// The catalogue's default posture, as `hvharden rules` without profiles compiles it.
    static func defaultPolicy() throws -> Policy {
        try Compiler.compile(profiles: []).policy
    }

    /// A profile that enables an opt-in rule and refines a parameter.
    static let tailoring = profileHeader() + """
        rules:
          enable: [qemu-sched-core]
          values:
            qemu-max-files: {limit: 4096}
        """

    @Test func aPolicyListingHoldsExactlyTheSelectedRules() throws {
        let policy = try Self.defaultPolicy()
        let listing = RuleListing(policy: policy)
        #expect(listing.entries.map(\.id) == policy.rules.map(\.rule.id))
        #expect(listing.entries.allSatisfy { $0.selected })
        #expect(listing.entries.map(\.enforcement) == policy.rules.map(\.enforcement))
        // The default posture (bootIntegrity preferred) makes the PI-1 rules advisory.
        #expect(listing.entries.contains { $0.enforcement == .advisory })
        #expect(!listing.entries.contains { $0.optIn })
    }

    @Test func theWholeCatalogueMarksWhatThePolicySelects() throws {
        let policy = try Self.defaultPolicy()
        let listing = RuleListing(catalogue: .shipped, policy: policy)
        #expect(listing.entries.map(\.id) == RuleCatalogue.shipped.ids)
        let selected = Set(policy.rules.map(\.rule.id))
        for entry in listing.entries {
            #expect(entry.selected == selected.contains(entry.id), "'\(entry.id)'")
            #expect((entry.enforcement == nil) == !entry.selected, "'\(entry.id)'")
        }
        #expect(listing.entries.contains { $0.optIn && !$0.selected })
        #expect(listing.summary.hasPrefix("\(listing.entries.count) rules, \(selected.count) selected: "))
    }

    @Test func selectedRulesCarryTheProfilesValuesAndEnablements() throws {
        let dir = try ProfileDirectory()
        defer { dir.remove() }
        let policy = try Compiler.compile(profiles: [try dir.write("site.yaml", Self.tailoring)]).policy
        let listing = RuleListing(policy: policy)
        let files = try #require(listing.entries.first { $0.id == "qemu-max-files" })
        #expect(files.parameters == ["limit": .int(4096)])
        #expect(listing.entries.contains { $0.id == "qemu-sched-core" && $0.optIn && $0.selected })
        // Without the profile the catalogue default is listed.
        let all = RuleListing(catalogue: .shipped, policy: try Self.defaultPolicy())
        #expect(all.entries.first { $0.id == "qemu-max-files" }?.parameters == ["limit": .int(8192)])
    }

    @Test func theSummaryCountsEachProperty() {
        let listing = RuleListing(entries: [
            RuleListing.Entry(rule: Self.rule("a", .critical, optIn: true, fix: Fix(action: .set)), selection: nil),
            RuleListing.Entry(rule: Self.rule("b", .high), selection: SelectedRule(rule: Self.rule("b", .high), enforcement: .advisory)),
            RuleListing.Entry(rule: Self.rule("c", .low), selection: SelectedRule(rule: Self.rule("c", .low))),
        ])
        #expect(listing.summary == "3 rules, 2 selected: 1 fixable, 1 opt-in, 1 advisory; 1 critical, 1 high, 0 medium, 1 low")
        let one = RuleListing(entries: [listing.entries[2]])
        #expect(one.summary == "1 rule: 0 fixable, 0 opt-in, 0 advisory; 0 critical, 0 high, 0 medium, 1 low")
    }

    @Test func theTableIsAlignedWithOneRulePerLine() throws {
        let listing = RuleListing(catalogue: .shipped, policy: try Self.defaultPolicy())
        let lines = RuleListing.text(listing).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == listing.entries.count + 3, "heading, rows, count line, and the final newline")
        #expect(lines.last == "")
        #expect(lines[lines.count - 2] == listing.summary)
        let heading = lines[0]
        #expect(heading.hasPrefix("ID  "))
        let titleColumn = try #require(heading.range(of: "  TITLE  ")).lowerBound.utf16Offset(in: heading) + 2
        let severityColumn = try #require(heading.range(of: "SEVERITY")).lowerBound.utf16Offset(in: heading)
        for (entry, line) in zip(listing.entries, lines[1...]) {
            #expect(line.hasPrefix(entry.id + " "))
            #expect(line.dropFirst(severityColumn).hasPrefix(entry.severity.rawValue + " "), "\(line)")
            #expect(line.dropFirst(titleColumn).hasPrefix(entry.title), "\(line)")
            #expect(!line.hasSuffix(" "))
            let references = [entry.references.function, entry.references.topic] + entry.references.sp80053 + entry.references.srg
            for reference in references + [entry.references.hySR ?? "-"] {
                #expect(line.contains(reference), "'\(entry.id)' lacks '\(reference)'")
            }
            for (name, value) in entry.parameters { #expect(line.contains("\(name)=\(value)")) }
        }
    }

    @Test func jsonIsAnArrayOfObjectsWithEveryKey() throws {
        let listing = RuleListing(catalogue: .shipped, policy: try Self.defaultPolicy())
        let data = try RuleListing.json(listing)
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(objects.count == listing.entries.count)
        for (object, entry) in zip(objects, listing.entries) {
            #expect(Set(object.keys) == Self.keys)
            #expect(object["id"] as? String == entry.id)
            #expect(object["title"] as? String == entry.title)
            #expect(object["severity"] as? String == entry.severity.rawValue)
            #expect(object["target"] as? String == entry.target.rawValue)
            #expect(object["effect"] as? String == entry.effect.rawValue)
            #expect(object["fixable"] as? Bool == entry.fixable)
            #expect(object["optIn"] as? Bool == entry.optIn)
            #expect(object["selected"] as? Bool == entry.selected)
            if let enforcement = entry.enforcement {
                #expect(object["enforcement"] as? String == enforcement.rawValue)
            } else {
                #expect(object["enforcement"] is NSNull)
            }
            let references = try #require(object["references"] as? [String: Any])
            #expect(Set(references.keys) == ["function", "topic", "hySR", "ipd", "sp80053", "srg"])
            #expect(references["topic"] as? String == entry.references.topic)
            #expect(references["srg"] as? [String] == entry.references.srg)
            #expect(entry.references.hySR.map { references["hySR"] as? String == $0 } ?? (references["hySR"] is NSNull))
            let condition = try #require(object["appliesWhen"] as? [String: Any])
            #expect(Set(condition.keys) == ["platform", "virtualization", "bootIntegrity", "passthrough"])
            #expect(entry.appliesWhen.bootIntegrity.map { condition["bootIntegrity"] as? [String] == $0.map(\.rawValue) }
                ?? (condition["bootIntegrity"] is NSNull))
            let parameters = try #require(object["parameters"] as? [String: Any])
            #expect(Set(parameters.keys) == Set(entry.parameters.keys))
        }
    }

    @Test func jsonKeysAreSortedAndTheOutputIsStable() throws {
        let listing = RuleListing(policy: try Self.defaultPolicy())
        let data = try RuleListing.json(listing)
        #expect(data == (try RuleListing.json(listing)))
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasSuffix("]\n"))
        // The first object's top-level keys (indented four spaces) appear in sorted order.
        let keys = text.split(separator: "\n").prefix { $0 != "  }," }
            .filter { $0.hasPrefix("    \"") }
            .compactMap { $0.split(separator: "\"").dropFirst().first.map(String.init) }
        #expect(keys == Self.keys.sorted())
    }

    static let keys: Set<String> = [
        "id", "title", "severity", "target", "check", "fixable", "effect", "optIn", "appliesWhen", "references",
        "selected", "enforcement", "parameters",
    ]

    static func rule(_ id: String, _ severity: Severity, optIn: Bool = false, fix: Fix? = nil) -> Rule {
        Rule(id: id, title: id, severity: severity, rationale: "r", references: References(function: "HY-BF2", topic: "B2-1"),
             optIn: optIn, target: .domain, check: .manual, fix: fix, effect: .none, guidance: "g",
             examples: RuleExamples(compliant: [], noncompliant: []))
    }
}
