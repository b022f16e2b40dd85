import Foundation
import TestSupport

/// Reads `Fixtures/xml/<name>` next to this file (HostTests declares no resources).
enum XMLFixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/xml")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
}
