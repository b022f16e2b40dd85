import Compiler
import Foundation
import Host
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import Digests

/// The lab (examples/lab) planned with the baseline profile through the library, as
/// `hvharden plan` does, but on a fixed day so that waiver expiry cannot change the result.
public enum RenderLab {
    public static let profile = Repo.root.appendingPathComponent("profiles/nist-800-125a-baseline.yaml").path
    public static let nodeXML = Repo.root.appendingPathComponent("examples/lab/node.xml").path
    public static let root = Repo.root.appendingPathComponent("examples/lab/root").path
    public static var connectURI: String { "test://\(nodeXML)" }
    public static let day = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01, UTC

    public static func state() throws -> (policy: Policy, state: ObservedState) {
        let policy = try Compiler.compile(profiles: [profile], today: day).policy
        return (policy, try ObservedState(reading: LiveStateReader(connectURI: connectURI, root: root, key: TestKey.key), policy: policy))
    }

    /// `hvharden plan` arguments for the lab with the baseline profile.
    public static var planArguments: [String] {
        ["plan", "--profile", profile, "--connect", connectURI, "--root", root]
    }

    /// The baseline and the lab's site profile, which holds a waiver.
    public static let siteProfiles = [profile, Repo.root.appendingPathComponent("examples/lab/site.yaml").path]

    /// The lab planned with `profiles`, keeping the compiled policy the reports need.
    public static func planAndPolicy(profiles: [String] = siteProfiles) throws -> (plan: Plan, policy: Policy) {
        let policy = try Compiler.compile(profiles: profiles, today: day).policy
        let state = try ObservedState(reading: LiveStateReader(connectURI: connectURI, root: root, key: TestKey.key), policy: policy)
        return (try Planner.plan(policy: policy, reader: state, today: day), policy)
    }

    public static func plan() throws -> Plan {
        let (policy, state) = try state()
        return try Planner.plan(policy: policy, reader: state, today: day)
    }

    /// The text with the checkout's location replaced by `$REPO`, so goldens do not depend on
    /// where the repository is.
    public static func portable(_ text: String) -> String {
        text.replacingOccurrences(of: Repo.root.path, with: "$REPO")
    }
}
