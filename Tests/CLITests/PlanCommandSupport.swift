import Foundation
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Runs the built `hvharden` binary, as a user would (argument-parser's `AssertExecuteCommand`
/// style). `swift test` builds every product, so the binary sits next to the test bundle.
enum PlanCommandSupport {
    /// Runs `hvharden ARGS` in the repository with colour left to the binary's own choice
    /// (output is a file, so never a terminal) and the tests' private state directory.
    static func hvharden(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessRun {
        try CLI.run(arguments, environment: extra)
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
