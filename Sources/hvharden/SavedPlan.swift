import Applier
import Compiler
import Foundation
import Planner

/// Loading a saved plan for `apply`: its digest (to apply it at most once), its format and
/// version (refused when unknown), and the policy it was made from.
enum SavedPlan {
    private struct Header: Decodable {
        var formatVersion: Int
        var hvhardenVersion: String
    }

    static func load(_ path: String) throws -> (Plan, Policy, String?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ApplyError.io("cannot read plan file '\(path)'", errno)
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw ApplyError.io("'\(path)' is not an hvharden plan", EINVAL)
        }
        guard header.formatVersion == Plan.currentFormatVersion else { throw ApplyError.unknownFormat(header.formatVersion) }
        guard header.hvhardenVersion == HVHardenVersion.current else {
            throw ApplyError.versionMismatch(plan: header.hvhardenVersion, tool: HVHardenVersion.current)
        }
        let plan: Plan
        do {
            plan = try PlanJSONRenderer.decode(data)
        } catch {
            throw ApplyError.io("'\(path)' is not a valid hvharden plan: \(error)", EINVAL)
        }
        switch plan.policy.policy(catalogue: .shipped, sources: plan.profiles, digest: plan.profileDigest) {
        case .success(let policy):
            return (plan, policy, SHA256.hex([UInt8](data)))
        case .failure(let unknown):
            throw ApplyError.io("saved plan names rule '\(unknown.id)', which this hvharden does not have", EINVAL)
        }
    }
}
