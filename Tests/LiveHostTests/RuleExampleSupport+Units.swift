import Compiler
import Foundation
@testable import Planner
@testable import LiveHost
import Digests
import TestSupport
import Testing

/// Host-unit examples: the example's files and links made in a temporary root, read by the
/// live unit reader, a fix written through the live file store and the units read again.
extension ExampleRunner {
    func runUnits(_ example: RuleExample) throws -> (before: Outcome, after: Outcome?) {
        guard case .systemdSocket(let check) = rule.check else { throw ExampleError.missing("a systemd-socket check") }
        let root = try TempRoot()
        defer { root.remove() }
        try FileManager.default.createDirectory(atPath: root.path + SystemdUnitPaths.adminDirectory, withIntermediateDirectories: true)
        for (path, text) in example.tree ?? [:] { try root.write(text, to: path) }
        for (path, target) in example.links ?? [:] {
            let url = URL(fileURLWithPath: root.path + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }
        let reader = SystemdUnitReader(root: root.path, key: TestKey.key)
        let evaluator = SystemdSocketEvaluator(rule: rule, check: check)
        let names = ObservedUnits.query([rule])
        let before = evaluator.evaluate(reader.read(names))
        guard let first = before.first else { return (.compliant, nil) }
        guard before.allSatisfy({ if case .changes = $0.outcome { return true } else { return false } }) else { return (first.outcome, nil) }
        let store = ConfigFileStore(root: root.path, key: TestKey.key)
        for result in before {
            guard case .changes(let changes) = result.outcome else { continue }
            for change in changes { _ = try store.write(try #require(change.file), edits: [change.edit]) }
        }
        let after = evaluator.evaluate(reader.read(names))
        return (first.outcome, after.first?.outcome ?? .compliant)
    }
}
