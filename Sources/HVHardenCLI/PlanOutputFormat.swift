import ArgumentParser
import Compiler
import Foundation
import Planner

/// The `--format` of `hvharden plan` on standard output.
enum PlanOutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// For people: grouped, with markers, coloured on a terminal unless NO_COLOR is set.
    case text
    /// For programs: the plan value, as `docs/plan.schema.json` describes it.
    case json
    /// For GitHub code scanning and other SARIF 2.1.0 viewers: one result per change and
    /// unwaived finding, located at the profile line that selected its rule.
    case sarif
    /// For CI test reports: one test case per rule and target, failing on changes and findings.
    case junit
    /// For drift monitoring: Prometheus text-format metrics for node_exporter's textfile collector.
    case prometheus
    /// For auditors: an OSCAL 1.1 assessment-results document (NIST's JSON model).
    case oscal
    /// For people without hvharden: one self-contained HTML page, no script, nothing loaded.
    case html

    /// `plan` rendered in this format. `policy` is the compiled policy the plan was made from:
    /// SARIF takes its results' locations from it (the profile line that selected each rule).
    /// Without it, the policy is rebuilt from the plan's snapshot, which has no lines, and
    /// every result points at the first line of the most specific profile. `timing` is when the
    /// plan was made and how long it took (Prometheus metrics carry them).
    func render(_ plan: Plan, policy: Policy? = nil, timing: PlanTiming = PlanTiming()) throws -> Data {
        switch self {
        case .text:
            let colour = TerminalColour.isWanted(
                outputIsTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment, noColorFlag: timing.noColor)
            return Data(PlanTextRenderer(colour: colour).render(plan).utf8)
        case .json:
            return try PlanJSONRenderer.render(plan)
        case .sarif:
            return try SARIFRenderer(
                policy: try policy ?? ReportContext.policy(of: plan), hostName: Self.hostName(plan),
                baseDirectory: FileManager.default.currentDirectoryPath
            ).render(plan)
        case .junit:
            return try JUnitRenderer(policy: try policy ?? ReportContext.policy(of: plan), hostName: Self.hostName(plan)).render(plan)
        case .prometheus:
            return Data(PrometheusRenderer(hostName: Self.hostName(plan), timestamp: timing.made, duration: timing.duration).render(plan).utf8)
        case .oscal:
            return try AssessmentResultsRenderer(
                policy: try policy ?? ReportContext.policy(of: plan), hostName: Self.hostName(plan),
                start: timing.made, end: timing.made.addingTimeInterval(timing.duration ?? 0)
            ).render(plan)
        case .html:
            let renderer = HTMLReportRenderer(policy: try policy ?? ReportContext.policy(of: plan), hostName: Self.hostName(plan), made: timing.made)
            return Data(renderer.render(plan).utf8)
        }
    }

    /// Writes `plan` in this format to `handle`. Text and JSON are streamed as they are rendered:
    /// the output of thousands of domains is tens of megabytes, and holding it (twice, as a
    /// string or tree and as `Data`) would set the peak memory of `hvharden plan`.
    func write(_ plan: Plan, policy: Policy? = nil, timing: PlanTiming = PlanTiming(), to handle: FileHandle) throws {
        if self == .json { return try PlanJSONRenderer.write(plan) { try handle.write(contentsOf: $0) } }
        guard self == .text else { return handle.write(try render(plan, policy: policy, timing: timing)) }
        let colour = TerminalColour.isWanted(
            outputIsTerminal: isatty(handle.fileDescriptor) == 1, environment: ProcessInfo.processInfo.environment, noColorFlag: timing.noColor)
        var output = BufferedTextOutput(handle)
        PlanTextRenderer(colour: colour).render(plan, to: &output)
        output.flush()
        if let error = output.error { throw error }
    }

    /// Shown under `--format` in `hvharden plan --help`, one line per value.
    static var allValueDescriptions: [String: String] {
        [
            "text": "For people: changes (+ ~ -), findings, waived items and a summary line.",
            "json": "The plan value, as docs/plan.schema.json describes it (what --out saves).",
            "sarif": "SARIF 2.1.0 for GitHub code scanning: a result per change and unwaived finding, "
                + "at the profile line that selected its rule (paths relative to the working directory); "
                + "waived items are listed in the run's properties, not as results.",
            "junit": "JUnit XML: a test case per rule and target (domain, file or host), failing on "
                + "changes and unwaived findings, skipped when waived.",
            "prometheus": "Prometheus text-format metrics (changes, findings by severity, failing rules, "
                + "plan time and duration) for node_exporter's textfile collector.",
            "oscal": "OSCAL 1.1 assessment-results JSON: an observation per rule and target (observed and expected "
                + "values, secrets redacted), findings per SP 800-53 control, waivers as risks; stable UUIDs.",
            "html": "One self-contained HTML page (inline style, no script, nothing loaded): summary by severity, "
                + "a table per target, waived items, manual steps and their attestation, host facts and basis.",
        ]
    }

    private static func hostName(_ plan: Plan) -> String {
        ReportContext.hostName(connectURI: plan.connectURI, localName: ProcessInfo.processInfo.hostName)
    }
}

/// When a plan was made and how long planning took (nil: unknown, as for a saved plan), and
/// whether `--no-color` was given: what a rendering needs beyond the plan.
struct PlanTiming {
    var made = Date()
    var duration: TimeInterval?
    var noColor = false
}
