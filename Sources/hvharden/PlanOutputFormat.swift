import ArgumentParser
import Foundation
import Planner

/// The `--format` of `hvharden plan` on standard output.
enum PlanOutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// For people: grouped, with markers, coloured on a terminal unless NO_COLOR is set.
    case text
    /// For programs: the plan value, as `docs/plan.schema.json` describes it.
    case json

    func render(_ plan: Plan) throws -> Data {
        switch self {
        case .text:
            let colour = TerminalColour.isWanted(
                outputIsTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
            return Data(PlanTextRenderer(colour: colour).render(plan).utf8)
        case .json:
            return try PlanJSONRenderer.render(plan)
        }
    }
}
