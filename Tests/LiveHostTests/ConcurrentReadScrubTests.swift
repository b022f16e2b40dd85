import Compiler
import Foundation
import Host
import Testing
@testable import Planner

/// The helpers that keep thousands of domains cheap: secrets scrubbed in one pass over each
/// text, guidance folded without Unicode tables, work spread over threads and given back in order.
@Suite struct ConcurrentReadScrubTests {
    @Test func everyOccurrenceOfEverySecretIsReplaced() {
        let scrubber = SecretScrubber(secrets: ["hunter2", "s3cret", "pw0001"])
        #expect(scrubber.scrub("listen on 0.0.0.0 with hunter2 and s3cret, hunter2 again") == "listen on 0.0.0.0 with (sensitive) and (sensitive), (sensitive) again")
        #expect(scrubber.scrub("hunter2") == "(sensitive)")
        #expect(scrubber.scrub("nothing here") == "nothing here")
        #expect(scrubber.scrub("") == "")
        #expect(scrubber.scrub("pw0001pw0001") == "(sensitive)(sensitive)")
    }

    @Test func overlappingSecretsReplaceTheLeftmostLongest() {
        let scrubber = SecretScrubber(secrets: ["abc", "abcdef", "def", "cde"])
        #expect(scrubber.scrub("xabcdefx") == "x(sensitive)x")
        #expect(scrubber.scrub("xabcdex") == "x(sensitive)dex")
        #expect(scrubber.scrub("xcdefx") == "x(sensitive)fx")
        #expect(SecretScrubber(secrets: ["", "a"]).scrub("banana") == "b(sensitive)n(sensitive)n(sensitive)")
    }

    @Test func secretsInAnyScriptAreFoundWhole() {
        let scrubber = SecretScrubber(secrets: ["pässwörd", "日本", "🔑key"])
        #expect(scrubber.scrub("ä pässwörd ö") == "ä (sensitive) ö")
        #expect(scrubber.scrub("日本語") == "(sensitive)語")
        #expect(scrubber.scrub("a🔑key🔑") == "a(sensitive)🔑")
        // A bridged string (not native UTF-8) is scrubbed the same way.
        let bridged = NSString(string: "x pässwörd y") as String
        #expect(scrubber.scrub(bridged) == "x (sensitive) y")
    }

    @Test func aPlanIsScrubbedWherePlansCarryValues() {
        var plan = Plan(
            profileDigest: "d", profiles: [], policy: PolicySnapshot(try! Compiler.compile(profiles: []).policy),
            connectURI: "test:///", root: "/",
            changes: [Change(
                address: .domain("web01", path: "/domain/devices/graphics/@passwd"), action: .update, before: "old hunter2",
                after: "hunter2", rule: "r", severity: .high, effect: .nextDomainBoot,
                edit: .xmlSetAttribute(path: "/domain/devices/graphics", attribute: "passwd", value: "hunter2"))],
            findings: [Finding(address: .domain("web01"), kind: .noncompliant, rule: "r", severity: .high, message: "passwd is hunter2", guidance: "g")],
            waived: [], pendingRestart: [], basis: Basis())
        SecretScrubber(secrets: ["hunter2"]).scrub(&plan)
        #expect(plan.changes[0].before == "old (sensitive)")
        #expect(plan.changes[0].after == "(sensitive)")
        #expect(plan.changes[0].edit == .xmlSetAttribute(path: "/domain/devices/graphics", attribute: "passwd", value: "(sensitive)"))
        #expect(plan.findings[0].message == "passwd is (sensitive)")
        #expect(!"\(plan)".contains("hunter2"))
    }

    @Test func foldingGuidanceMatchesSplittingOnWhitespaceCharacters() {
        let samples = [
            "", "   ", "one", "  two  words ", "tabs\tand\nnew\r\nlines\u{0B}vt\u{0C}ff",
            "no-break\u{00A0}space stays Unicode", "ünïcödé  text\n here", "a\u{1C}b \u{1F}c",
            "Debian 12 starts libvirtd through socket activation,\n  which ignores this key.",
        ]
        for sample in samples {
            #expect(PlanTextRenderer.oneLine(sample) == sample.split(whereSeparator: \.isWhitespace).joined(separator: " "), "\(sample.debugDescription)")
        }
    }

    @Test(arguments: [0, 1, 2, 7, 64])
    func parallelMapKeepsTheItemsOrder(workers: Int) {
        let items = Array(0..<500)
        #expect(ParallelWork.map(items, workers: workers) { $0 * 3 } == items.map { $0 * 3 })
        #expect(ParallelWork.map([Int](), workers: workers) { $0 }.isEmpty)
    }

    @Test func parallelMapRunsOnSeveralThreads() {
        let threads = ParallelWork.map(Array(0..<8), workers: 4) { _ -> String in
            Thread.sleep(forTimeInterval: 0.05)
            return "\(Unmanaged.passUnretained(Thread.current).toOpaque())"
        }
        #expect(Set(threads).count > 1)
    }

    @Test func aBackgroundResultCanBeAwaitedManyTimes() {
        let background = ParallelWork.Background { 6 * 7 }
        #expect(background.wait() == 42)
        #expect(background.wait() == 42)
    }
}
