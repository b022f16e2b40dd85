import ArgumentParser
import Foundation
import Planner

/// `hvharden summarize PLAN.json...`: one view of the saved plans of many hosts.
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Aggregate saved plans from many hosts into one fleet summary.",
        discussion: """
            Reads plans saved with 'hvharden plan --out' (one per host, from any hvharden \
            version with the same plan format) and prints, per host, its changes, changed \
            domains and files, findings, waived items and pending restarts; and, per rule, how \
            many hosts and domains it changes or reports. A host is named after the host of its \
            connection URI when remote (qemu+ssh://hv02/system), otherwise after its plan file \
            (hv02.json reads 'hv02'). Domains are counted per host.

            Exit status, as 'plan --detailed-exitcode' gives for one host: 0 when no host has \
            changes or unwaived findings at or above --fail-on (default low), 2 when any host \
            has changes, 3 when none has changes but some have such findings, 1 when a file \
            cannot be read or is not a plan.

            Examples:
              hvharden summarize plans/*.json
              hvharden summarize --format json hv01.json hv02.json > fleet.json
            """
    )

    /// How the summary is written on standard output.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    @Argument(help: ArgumentHelp("Plans saved with 'hvharden plan --out'.", valueName: "plan.json"))
    var plans: [String]

    @Option(help: "Output format on standard output: a table, or the summary as JSON.")
    var format: Format = .text

    @Option(help: ArgumentHelp(
        "The least severe unwaived finding that makes the exit status 3 when no host has changes (none: findings never do).",
        valueName: "severity"))
    var failOn: FailOn = .low

    func validate() throws {
        if plans.isEmpty { throw ValidationError("name at least one plan file") }
    }

    func run() throws {
        // Every unreadable file is reported, not only the first.
        var read: [(name: String, plan: Plan)] = []
        var failed = false
        for path in plans {
            do {
                read.append((path, try PlanFile.decode(InputPath.regularFile(path, what: "plan file"), name: path)))
            } catch {
                ErrorReporter.report(error)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
        let summary = FleetSummary(plans: read)
        do {
            switch format {
            case .text: FileHandle.standardOutput.write(Data(FleetSummaryRenderer.text(summary).utf8))
            case .json: FileHandle.standardOutput.write(try FleetSummaryRenderer.json(summary))
            }
        } catch {
            ErrorReporter.report(error)
            throw ExitCode(1)
        }
        let status = PlanExitCode(plans: read.map(\.plan), detailed: true, failOn: failOn)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
