import Compiler
import Foundation
import Host
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// A bigger lab for the concurrent reader: the lab's five domains copied `copies` times under
/// new names and UUIDs into a test-driver node file, with the lab's host, so that reads and
/// plans run on enough domains for several threads to interleave.
struct ConcurrentReadLab {
    let directory: String
    let nodeFile: String
    let names: [String]

    static let labNames = ["web01", "db01", "gpu01", "secure01", "template-base"]

    init(copies: Int) throws {
        let text = try String(contentsOfFile: RenderLab.nodeXML, encoding: .utf8)
        guard let open = text.range(of: "<node>"), let cpu = text.range(of: "\n  <cpu>") else {
            throw ConcurrentReadLabError("examples/lab/node.xml no longer has <node> and <cpu>")
        }
        let domains = String(text[open.upperBound..<cpu.lowerBound])
        var body = ""
        var names: [String] = []
        for copy in 0..<copies {
            var part = domains
            // The lab's UUIDs share the prefix 6f1a0c3e; each copy gets its own.
            let hex = String(copy, radix: 16)
            part = part.replacingOccurrences(of: "6f1a0c3e-", with: String(repeating: "0", count: 8 - hex.count) + hex + "-")
            for name in Self.labNames {
                part = part.replacingOccurrences(of: "<name>\(name)</name>", with: "<name>\(name)-c\(copy)</name>")
                names.append("\(name)-c\(copy)")
            }
            body += part
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-test-concurrent-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        nodeFile = directory + "/node.xml"
        try (String(text[..<open.upperBound]) + body + String(text[cpu.lowerBound...])).write(toFile: nodeFile, atomically: true, encoding: .utf8)
        self.names = names
    }

    var connectURI: String { "test://\(nodeFile)" }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// The baseline, on the lab's fixed day.
    static func policy() throws -> Policy {
        try Compiler.compile(profiles: [RenderLab.profile], today: RenderLab.day).policy
    }
}

struct ConcurrentReadLabError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What a read observed, as comparable values (`ObservedState` itself is not `Equatable`).
struct ObservedSummary: Equatable {
    struct Domain: Equatable {
        let name, uuid, persistentXML: String
        let liveXML: String?
        let isActive: Bool
    }

    let domains: [Domain]
    let unselected: [String]
    let files: [ConfigFile: ObservedFile]
    let facts: HostFacts
    let note: String?

    init(_ state: ObservedState) {
        domains = state.domains.map {
            Domain(name: $0.name, uuid: $0.uuid, persistentXML: $0.persistentXML, liveXML: $0.liveXML, isActive: $0.isActive)
        }
        unselected = state.unselectedDomains
        files = state.files
        facts = state.facts
        note = state.hostScopeNote
    }
}
