import Foundation

/// Runs the built `hvharden` binary, as a user would (argument-parser's `AssertExecuteCommand`
/// style). `swift test` builds every product, so the binary sits next to the test bundle.
enum PlanCommandSupport {
    enum Failure: Error, CustomStringConvertible {
        case noBinary(String)
        var description: String {
            switch self {
            case .noBinary(let path): return "the hvharden binary is not at \(path): build it with 'swift build' (swift test builds it too)"
            }
        }
    }

    /// The build products directory: where the running test executable is.
    static var products: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static func binary() throws -> String {
        let path = products.appendingPathComponent("hvharden").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Failure.noBinary(path) }
        return path
    }

    /// Runs `hvharden ARGS` in the repository with colour left to the binary's own choice
    /// (output is a file, so never a terminal).
    static func hvharden(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessRun {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        for (k, v) in extra { environment[k] = v }
        return try ProcessRun.run(try binary(), arguments, environment: environment)
    }

    /// `plan` on the lab with the baseline profile, plus `extra` arguments.
    static func planLab(_ extra: [String] = []) throws -> ProcessRun {
        try hvharden(["plan", "--profile", RenderLab.profile, "--connect", RenderLab.connectURI, "--root", RenderLab.root] + extra)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
