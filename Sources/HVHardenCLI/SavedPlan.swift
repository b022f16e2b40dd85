import Compiler
import Digests
import Foundation
import Planner

/// A plan saved with `hvharden plan --out`, read for `apply` and the reports: the plan, the
/// policy rebuilt from its snapshot, and the digest of the file's bytes.
struct SavedPlan {
    var plan: Plan
    var policy: Policy
    var digest: String

    static func load(_ path: String, requiring requirement: PlanFile.Requirement = .sameFormat) throws -> SavedPlan {
        let data = try InputPath.regularFile(path, what: "plan file")
        let plan = try PlanFile.decode(data, name: path, requiring: requirement)
        return SavedPlan(plan: plan, policy: try ReportContext.policy(of: plan), digest: SHA256.hex([UInt8](data)))
    }
}
