import Compiler
import Foundation

/// Locations in the repository, found from this file (Tests/TestSupport/Repo.swift): the one
/// place tests learn where the checkout is.
public enum Repo {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// An absolute path below the repository.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The catalogue as it is on disk (not the embedded copy), so edits are tested at once.
    public static func catalogue() throws -> RuleCatalogue {
        let dir = root.appendingPathComponent("catalogue")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try RuleCatalogue(files: names.map { ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)) })
    }

    /// The embedded lab: a test-driver node file and a sandbox root (examples/lab).
    public enum Lab {
        public static let nodeXML = Repo.path("examples/lab/node.xml")
        public static let root = Repo.path("examples/lab/root")
        public static var connectURI: String { "test://\(nodeXML)" }
        public static let baselineProfile = Repo.path("profiles/nist-800-125a-baseline.yaml")
    }
}
