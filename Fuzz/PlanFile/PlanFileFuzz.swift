import Compiler
import Foundation
import FuzzSupport
import Planner

/// One fuzz input through the plan-file reader (`PlanFile.decode`, what `apply`, `show` and
/// `summarize` read saved plans with): it either returns a plan or throws a `PlanFileError`
/// whose lines are fit for a terminal; a plan it returns renders as text and JSON, and its
/// JSON reads back as the same plan. A crash, a hang or a broken promise is what the fuzzer
/// reports.
enum PlanFileFuzz {
    static let name = "fuzz-input.json"

    static func run(_ bytes: [UInt8]) -> String {
        let plan: Plan
        do {
            plan = try PlanFile.decode(Data(bytes), name: name, requiring: .sameFormat)
        } catch let error as PlanFileError {
            for line in "\(error)".split(separator: "\n") { PrintedLine.check(String(line).terminalSafe, limit: 4096) }
            return "refused: \(error)".prefix(200).description
        } catch {
            preconditionFailure("PlanFile.decode threw a \(type(of: error)), not a PlanFileError: \(error)")
        }
        _ = PlanTextRenderer(colour: false).render(plan)
        guard let json = try? PlanJSONRenderer.render(plan) else { preconditionFailure("a plan that was read does not encode") }
        guard let again = try? PlanFile.decode(json, name: name) else {
            preconditionFailure("the JSON of a plan that was read does not read back")
        }
        precondition(again == plan, "the plan changed in a JSON round trip")
        return "a plan with \(plan.changes.count) changes"
    }
}
