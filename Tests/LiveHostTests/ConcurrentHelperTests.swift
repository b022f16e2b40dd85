import Compiler
import Foundation
import Host
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// The helpers that keep thousands of domains cheap: guidance folded without Unicode tables,
/// work spread over threads and given back in order.
@Suite struct ConcurrentHelperTests {
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
