import Foundation
import Testing
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// docs/completions and docs/man (written by scripts/generate-docs.sh) are in sync with the
/// built binary's command definitions.
///
/// Completions are regenerated from the binary and compared byte for byte. The man pages come
/// from swift-argument-parser's generate-manual plugin, which a test cannot run (it needs
/// SwiftPM, whose build directory the running tests hold); what the plugin renders is a pure
/// function of `hvharden --experimental-dump-help` (plus the pinned argument-parser version and
/// the script's fixed date), so the test regenerates that dump and compares it with the one the
/// pages were made from, and checks every page against it. `scripts/generate-docs.sh --check`
/// regenerates the pages themselves and diffs them.
@Suite struct ExamplesDocsTests {
    static let docs = Repo.root.appendingPathComponent("docs")
    static let fix = "run 'scripts/generate-docs.sh' and commit docs/completions and docs/man"

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptMatchesTheBinary(shell: String) throws {
        let run = try PlanCommandSupport.hvharden(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.stderr)")
        let committed = try String(contentsOf: Self.docs.appendingPathComponent("completions/hvharden.\(shell)"), encoding: .utf8)
        // A Bool, so that a failure prints the first difference rather than both whole texts.
        let same = committed == run.stdout
        #expect(same, "docs/completions/hvharden.\(shell) is out of date (\(Self.firstDifference(committed, run.stdout))): \(Self.fix)")
        #expect(committed.contains("baseline") && committed.contains("detailed-exitcode"))
    }

    @Test func manPagesWereMadeFromTheBinarysCommandDefinitions() throws {
        let run = try PlanCommandSupport.hvharden(["--experimental-dump-help"])
        #expect(run.status == 0, "\(run.stderr)")
        let committed = try String(contentsOf: Self.docs.appendingPathComponent("man/hvharden.help.json"), encoding: .utf8)
        let same = committed == run.stdout
        #expect(same, "docs/man was generated from other command definitions (\(Self.firstDifference(committed, run.stdout))): \(Self.fix)")

        let dump = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let top = try #require(dump["command"] as? [String: Any])
        let subcommands = try #require(top["subcommands"] as? [[String: Any]])
        let man = Self.docs.appendingPathComponent("man")
        // Nested subcommands (journal list) get pages of their own: hvharden.journal.list.1.
        func pages(_ commands: [[String: Any]], prefix: String) -> [String] {
            commands.flatMap { command -> [String] in
                let name = prefix + "." + (command["commandName"] as! String)
                return [name + ".1"] + pages(command["subcommands"] as? [[String: Any]] ?? [], prefix: name)
            }
        }
        let expected = Set(["hvharden.1"] + pages(subcommands, prefix: "hvharden"))
        let pages = Set(try FileManager.default.contentsOfDirectory(atPath: man.path).filter { $0.hasSuffix(".1") })
        #expect(pages == expected, "man pages \(pages.symmetricDifference(expected).sorted()) do not match the subcommands: \(Self.fix)")

        let date = try Self.manualDate()
        for command in [top] + subcommands {
            let name = command["commandName"] as! String
            let file = name == "hvharden" ? "hvharden.1" : "hvharden.\(name).1"
            let page = try String(contentsOf: man.appendingPathComponent(file), encoding: .utf8)
            #expect(page.contains(".Dd \(date)"), "\(file) is not dated like scripts/generate-docs.sh says: \(Self.fix)")
            if let abstract = command["abstract"] as? String, !abstract.isEmpty {
                #expect(page.contains(abstract), "\(file) lacks the abstract of '\(name)': \(Self.fix)")
            }
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool != false {
                for option in argument["names"] as? [[String: String]] ?? [] where option["kind"] == "long" {
                    #expect(page.contains("Fl -\(option["name"]!)"), "\(file) lacks '--\(option["name"]!)': \(Self.fix)")
                }
            }
        }
    }

    /// Where two texts first differ, as "line N: 'committed' vs 'built'" (not the whole texts).
    static func firstDifference(_ committed: String, _ built: String) -> String {
        let a = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let b = built.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
            return "the built text has \(b.count) lines, the committed one \(a.count)"
        }
        func clip(_ line: Substring) -> String { line.count > 120 ? line.prefix(120) + "..." : String(line) }
        return "line \(index + 1): committed '\(clip(a[index]))', built '\(clip(b[index]))'"
    }

    /// `manual_date=YYYY-MM-DD` in scripts/generate-docs.sh, as mdoc prints it ("November 25, 2026").
    static func manualDate() throws -> String {
        let script = try String(contentsOf: Repo.root.appendingPathComponent("scripts/generate-docs.sh"), encoding: .utf8)
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("manual_date=") })
        let parts = line.dropFirst("manual_date=".count).split(separator: "-").compactMap { Int($0) }
        try #require(parts.count == 3)
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(months[parts[1] - 1]) \(parts[2]), \(parts[0])"
    }
}
