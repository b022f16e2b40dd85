import Compiler
import Foundation
import Testing
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

@Suite("JSON plan")
struct RenderJSONTests {
    @Test("round-trips to the same plan")
    func roundTrip() throws {
        let plan = RenderFixtures.complete
        #expect(try PlanJSONRenderer.decode(PlanJSONRenderer.render(plan)) == plan)
    }

    @Test("keys are sorted, indented, slashes unescaped, a final newline")
    func stableForm() throws {
        let text = String(decoding: try PlanJSONRenderer.render(RenderFixtures.complete), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"basis\""))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"/etc/libvirt/qemu.conf\""))
        #expect(!text.contains("\\/"))
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(topKeys == topKeys.sorted())
        #expect(topKeys.count == 14)
    }

    @Test("the same plan always gives the same bytes")
    func deterministic() throws {
        #expect(try PlanJSONRenderer.render(RenderFixtures.complete) == PlanJSONRenderer.render(RenderFixtures.complete))
    }

    @Test("absent values are omitted, not null")
    func omitted() throws {
        let plan = RenderFixtures.plan(changes: [RenderFixtures.change(.domain("a", path: "/p"), .add, before: nil, after: "x")])
        let text = String(decoding: try PlanJSONRenderer.render(plan), as: UTF8.self)
        #expect(!text.contains("null"))
        #expect(!text.contains("\"before\""))
        #expect(text.contains("\"after\" : \"x\"") || text.contains("\"after\": \"x\""))
    }
}

/// The streaming renderer against Foundation's `JSONEncoder`, whose bytes it promises.
@Suite("JSON plan, streamed")
struct RenderJSONStreamTests {
    /// What `PlanJSONRenderer` replaced: the whole plan through `JSONEncoder`.
    static func encoderBytes(_ plan: Plan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(plan) + Data([0x0A])
    }

    @Test("the lab plans and the complete fixture give JSONEncoder's bytes")
    func sameBytesAsJSONEncoder() throws {
        for plan in [try RenderLab.plan(), try RenderLab.planAndPolicy().plan, RenderFixtures.complete, RenderFixtures.plan()] {
            let streamed = try PlanJSONRenderer.render(plan)
            let expected = try Self.encoderBytes(plan)
            #expect(streamed == expected, "streamed \(streamed.count) bytes, JSONEncoder \(expected.count)")
        }
    }

    @Test("blocks of any size add up to the same bytes; the items come a chunk at a time")
    func blocks() throws {
        // More items than fit in one wave of chunks, and a count that leaves a partial chunk.
        let count = 3 * PlanJSONRenderer.chunkSize * 4 * ParallelWork.cores + 37
        let big = RenderFixtures.plan(
            changes: (0..<count).map { RenderFixtures.change(.domain(String(format: "g%05d", $0), path: "/domain/p")) },
            findings: (0..<count).map { RenderFixtures.finding(.domain(String(format: "g%05d", $0))) })
        for plan in [try RenderLab.plan(), big] {
            let whole = try PlanJSONRenderer.render(plan)
            #expect(whole == (try RenderJSONStreamTests.encoderBytes(plan)))
            for size in [1, 7, 100, 4096] {
                var joined = Data()
                var blocks = 0
                try PlanJSONRenderer.write(plan, blockSize: size) { block in
                    joined.append(contentsOf: block)
                    blocks += 1
                }
                #expect(joined == whole)
                // With one-byte blocks, each chunk of items is handed over on its own.
                let chunks = (plan.changes.count + PlanJSONRenderer.chunkSize - 1) / PlanJSONRenderer.chunkSize
                    + (plan.findings.count + PlanJSONRenderer.chunkSize - 1) / PlanJSONRenderer.chunkSize
                if size == 1 { #expect(blocks > chunks) }
            }
        }
    }

    @Test("a failing sink stops the rendering with its error")
    func failingSink() throws {
        struct Full: Error {}
        var calls = 0
        #expect(throws: Full.self) {
            try PlanJSONRenderer.write(try RenderLab.plan(), blockSize: 64) { _ in
                calls += 1
                if calls == 3 { throw Full() }
            }
        }
        #expect(calls == 3)
    }
}
