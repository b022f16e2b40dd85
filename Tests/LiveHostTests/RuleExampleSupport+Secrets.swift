import Compiler
import Foundation
@testable import Planner
@testable import LiveHost
import TestSupport

/// libvirt-secret examples: the example's `tree` (definition files under /etc/libvirt/secrets)
/// made in a temporary root and read by the live secret reader's file half. There is no fix.
extension ExampleRunner {
    func runSecrets(_ example: RuleExample) throws -> (before: Outcome, after: Outcome?) {
        let root = try TempRoot()
        defer { root.remove() }
        for (path, text) in example.tree ?? [:] { try root.write(text, to: path) }
        let observed = SecretReader(root: root.path).read(connection: { nil }, includingFiles: true)
        let results = SecretPrivateEvaluator(rule: rule).evaluate(observed)
        return (results.first?.outcome ?? .compliant, nil)
    }
}
