import Foundation
#if canImport(Glibc)
import Glibc
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests
#endif

/// The built `hvharden` binary run as a child process, the way a user (or a crash) meets it.
/// `swift test` builds every product, so the binary sits next to the test bundle. Output goes
/// to temporary files, never pipes: a child blocked on a full pipe would look paused.
final class CLIChild {
    /// A finished run.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    enum Failure: Error, CustomStringConvertible {
        case noBinary(String)
        case exitedEarly(String, Run)
        case timeout(String, String)

        var description: String {
            switch self {
            case .noBinary(let path):
                return "the hvharden binary is not at '\(path)': build it with 'swift build' (swift test builds it too)"
            case .exitedEarly(let waited, let run):
                return "hvharden exited with \(run.status) before printing '\(waited)'; stderr:\n\(run.stderr)"
            case .timeout(let what, let stderr):
                return "hvharden did not \(what) in time; stderr so far:\n\(stderr)"
            }
        }
    }


    let process = Process()
    let started = Date()
    private let directory: URL
    /// True until the child runs, and again once it is waited for: deinit must not wait twice.
    private var reaped = true

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Starts `hvharden ARGS` with stdin from /dev/null (so never a terminal) and `environment`
    /// added to this process's own, minus any pause point inherited from the test runner.
    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("stdout").path, contents: nil)
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("stderr").path, contents: nil)
        var environment = ProcessInfo.processInfo.environment
        environment["HVHARDEN_TEST_PAUSE_AT"] = nil
        environment["NO_COLOR"] = "1"
        environment["HVHARDEN_STATE_DIR"] = CLI.stateDirectory
        environment["HVHARDEN_LOCK_DIR"] = CLI.lockDirectory()
        for (key, value) in extra { environment[key] = value }
        // A pause point needs the fault-injection build of the command line; nothing else does.
        let binary = extra["HVHARDEN_TEST_PAUSE_AT"] == nil ? try Binaries.hvharden : try Binaries.faults
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: directory.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: directory.appendingPathComponent("stderr"))
        try process.run()
        reaped = false
    }

    deinit {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        if !reaped { process.waitUntilExit() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs to completion; a child still running after `timeout` seconds is killed and reported.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 60) throws -> Run {
        let child = try CLIChild(arguments, environment: environment)
        return try child.wait(timeout: timeout)
    }

    func output(_ stream: String) -> String {
        String(decoding: FileManager.default.contents(atPath: directory.appendingPathComponent(stream).path) ?? Data(), as: UTF8.self)
    }

    /// Waits until standard error contains `text` (e.g. "paused at after-journal").
    func waitForStderr(_ text: String, timeout: Double = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if output("stderr").contains(text) { return }
            if !process.isRunning { throw Failure.exitedEarly(text, try wait(timeout: 1)) }
            usleep(10_000)
        }
        throw Failure.timeout("print '\(text)'", output("stderr"))
    }

    /// SIGKILL, as a power cut or the OOM killer would: no handler, no cleanup in the child.
    func killHard() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        reaped = true
    }

    /// Waits for the exit; kills the child and throws when it takes longer than `timeout` seconds.
    func wait(timeout: Double) throws -> Run {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            killHard()
            throw Failure.timeout("exit", output("stderr"))
        }
        process.waitUntilExit()
        reaped = true
        return Run(status: process.terminationStatus, stdout: output("stdout"), stderr: output("stderr"),
                   seconds: Date().timeIntervalSince(started))
    }
}
