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
