import ArgumentParser
import Foundation
import Planner

/// `hvharden show PLAN`: a saved plan rendered again, in any report format, without reading the
/// host (one plan, several reports: text for the reviewer, SARIF for code scanning, JUnit for
/// the CI page, metrics for monitoring).
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Render a saved plan again, in any output format.",
        discussion: """
            Reads a plan saved with 'hvharden plan --out' (any hvharden version with the same \
            plan format) and writes it as --format says, exactly as 'plan' would have. Nothing \
            is read from the host. With --format prometheus, oscal or html, the plan's time is the file's \
            modification time.

            Exit status: 0 when the plan was read, 1 when it cannot be read or is not a plan. \
            With --detailed-exitcode, as for 'plan': 2 when it has changes, 3 when it has none \
            but unwaived findings at or above --fail-on.

            Examples:
              hvharden show plan.json
              hvharden show plan.json --format sarif > hvharden.sarif
              hvharden show plan.json --format prometheus > hvharden.prom
              hvharden show plan.json --format html > hvharden.html
            """
    )

    @Argument(help: ArgumentHelp("A plan saved with 'hvharden plan --out'.", valueName: "planfile"))
    var planFile: String

    @Option(help: "Output format on standard output.")
    var format: PlanOutputFormat = .text

    @OptionGroup var exitCode: ExitCodeOptions
    @OptionGroup var colour: ColourOptions

    func run() throws {
        let plan = try ErrorReporter.run {
            let saved = try SavedPlan.load(planFile)
            let modified = (try? FileManager.default.attributesOfItem(atPath: planFile)[.modificationDate] as? Date) ?? Date()
            try format.write(saved.plan, policy: saved.policy, timing: PlanTiming(made: modified, duration: nil, noColor: colour.noColor), to: .standardOutput)
            return saved.plan
        }
        try exitCode.exit(for: [plan])
    }
}
