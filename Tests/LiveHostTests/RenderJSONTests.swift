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

    @Test("blocks of any size add up to the same bytes; the items come one at a time")
    func blocks() throws {
        let plan = try RenderLab.plan()
        let whole = try PlanJSONRenderer.render(plan)
        for size in [1, 7, 100, 4096] {
            var joined = Data()
            var blocks = 0
            try PlanJSONRenderer.write(plan, blockSize: size) { block in
                joined.append(contentsOf: block)
                blocks += 1
            }
            #expect(joined == whole)
            // Every change and finding fills a block of one byte on its own.
            if size == 1 { #expect(blocks > plan.changes.count + plan.findings.count) }
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
