import Compiler
import Foundation
import Host
@testable import Planner

/// The lab (examples/lab) planned with the baseline profile through the library, as
/// `hvharden plan` does, but on a fixed day so that waiver expiry cannot change the result.
enum RenderLab {
    static let profile = Repo.root.appendingPathComponent("profiles/nist-800-125a-baseline.yaml").path
    static let nodeXML = Repo.root.appendingPathComponent("examples/lab/node.xml").path
    static let root = Repo.root.appendingPathComponent("examples/lab/root").path
    static var connectURI: String { "test://\(nodeXML)" }
    static let day = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01, UTC

    static func state() throws -> (policy: Policy, state: ObservedState) {
        let policy = try Compiler.compile(profiles: [profile], today: day).policy
        return (policy, try LiveStateReader(connectURI: connectURI, root: root).read(policy: policy))
    }

    static func plan() throws -> Plan {
        let (policy, state) = try state()
        return try Planner.plan(policy: policy, state: state, today: day)
    }

    /// The text with the checkout's location replaced by `$REPO`, so goldens do not depend on
    /// where the repository is.
    static func portable(_ text: String) -> String {
        text.replacingOccurrences(of: Repo.root.path, with: "$REPO")
    }
}
