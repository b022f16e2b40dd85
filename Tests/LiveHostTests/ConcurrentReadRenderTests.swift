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

/// The text plan streamed to a file handle is byte for byte the text plan as one string, so
/// `hvharden plan` can write thousands of domains' plans without holding their text.
@Suite struct ConcurrentReadRenderTests {
    static func temporaryFile() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-test-render-\(UUID().uuidString).txt")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        return url
    }

    @Test(arguments: [1, 7, 4096, 1 << 16])
    func streamedTextIsTheRenderedText(capacity: Int) throws {
        let lab = try ConcurrentReadLab(copies: 3)
        defer { lab.remove() }
        let policy = try ConcurrentReadLab.policy()
        let plan = try Planner.plan(policy: policy, reader: LiveStateReader(connectURI: lab.connectURI, root: RenderLab.root, key: TestKey.key), today: RenderLab.day)
        for colour in [false, true] {
            let url = try Self.temporaryFile()
            defer { try? FileManager.default.removeItem(at: url) }
            let handle = try FileHandle(forWritingTo: url)
            var output = BufferedTextOutput(handle, capacity: capacity)
            PlanTextRenderer(colour: colour).render(plan, to: &output)
            output.flush()
            try handle.close()
            #expect(output.error == nil)
            let written = try String(contentsOf: url, encoding: .utf8)
            let whole = PlanTextRenderer(colour: colour).render(plan)
            #expect(written == whole)
            #expect(whole.hasSuffix("\n") && whole.contains("domain 'web01-c2'"))
        }
    }

    @Test func aFailedWriteIsKeptNotLost() throws {
        let url = try Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        // A handle opened for reading refuses writes.
        var output = BufferedTextOutput(try FileHandle(forReadingFrom: url), capacity: 4)
        output.write("more than four bytes")
        output.write("and again")
        output.flush()
        #expect(output.error != nil)
        #expect(try Data(contentsOf: url).isEmpty)
    }
}
