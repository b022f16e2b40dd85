import Foundation
import TestSupport

/// The outside checks of the evidence formats: compliance-trestle (NIST's OSCAL 1.1 models, in
/// `.venv-tools/`) reads the OSCAL documents, headless Chromium renders the HTML report. A
/// missing tool fails the test with the command that installs it; it never skips.
enum EvidenceToolSupport {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads `document` with trestle's `oscal_read` for `model` (`AssessmentResults` or
    /// `ComponentDefinition`); returns trestle's complaint, or nil when it accepts the document.
    static func trestleRejection(_ document: Data, model: String) throws -> String? {
        let module = model == "AssessmentResults" ? "assessment_results" : "component"
        let scratch = try Scratch("hvh-oscal")
        let file = scratch.url.appendingPathComponent("document.json")
        try document.write(to: file)
        let script = """
            import pathlib, sys
            from trestle.oscal.\(module) import \(model)
            try:
                \(model).oscal_read(pathlib.Path(sys.argv[1]))
            except Exception as error:
                print(error)
                sys.exit(1)
            """
        let run = try ProcessRun.run(try ExamplesToolSupport.tool("python"), ["-c", script, file.path])
        return run.status == 0 ? nil : run.stdout + run.stderr
    }

    /// `html` rendered by headless Chromium to a PNG: its width, height and number of distinct
    /// colours (sampled by scripts/png-colours.py) and its size in bytes.
    static func screenshot(_ html: String) throws -> (width: Int, height: Int, colours: Int, bytes: Int) {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile) else {
            throw Failure(description: "chromium is missing: run 'bash scripts/install-deps.sh' as root")
        }
        let scratch = try Scratch("hvh-html")
        let page = scratch.url.appendingPathComponent("report.html")
        let png = scratch.url.appendingPathComponent("report.png")
        try Data(html.utf8).write(to: page)
        let run = try ProcessRun.run("/usr/bin/timeout", [
            "60", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1500",
            "--user-data-dir=\(scratch.path)/profile", "--screenshot=\(png.path)", page.absoluteString,
        ])
        guard run.status == 0, let size = try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int else {
            throw Failure(description: "chromium exited \(run.status) without a screenshot: \(run.stderr)")
        }
        let measure = try ProcessRun.run("/usr/bin/python3", [Repo.root.appendingPathComponent("scripts/png-colours.py").path, png.path])
        let numbers = measure.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard measure.status == 0, numbers.count == 3 else { throw Failure(description: "cannot read the PNG: \(measure.stderr)") }
        return (numbers[0], numbers[1], numbers[2], size)
    }
}
