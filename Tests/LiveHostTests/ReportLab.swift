import Compiler
import Foundation
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

/// The lab planned through the library with the baseline and the lab's site profile (which
/// holds a waiver), on a fixed day, keeping the compiled policy the reports need.
enum ReportLab {
    static let profiles = RenderLab.siteProfiles

    static func planAndPolicy(profiles: [String] = profiles) throws -> (plan: Plan, policy: Policy) {
        try RenderLab.planAndPolicy(profiles: profiles)
    }

    /// JSON text as nested Foundation values, for reading rendered reports.
    static func object(_ data: Data) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NotAnObject()
        }
        return object
    }

    struct NotAnObject: Error {}
}
