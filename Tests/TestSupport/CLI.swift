import Foundation

/// Runs the built `hvharden` binary as a user would. The state directory (fingerprint key,
/// journals) is a private temporary one unless the caller names another, so no test ever uses
/// this machine's /var/lib/hvharden.
public enum CLI {
    /// The state directory runs use by default: one per test process.
    public static let stateDirectory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-cli-state-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }()

    /// A fresh host lock directory under one per test process: each run has its own unless
    /// the caller shares one, so parallel tests on one daemon never meet each other's host
    /// locks (and no test uses this machine's /run/hvharden).
    public static func lockDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hvh-cli-locks-\(getpid())/\(UUID().uuidString)").path
    }

    /// The environment of a run: this process's, without colour preferences, with the test
    /// state directory, a private host lock directory, and `extra` on top.
    public static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        environment["HVHARDEN_STATE_DIR"] = stateDirectory
        environment["HVHARDEN_LOCK_DIR"] = lockDirectory()
        for (k, v) in extra { environment[k] = v }
        return environment
    }

    /// `hvharden ARGS`, finished.
    public static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessRun {
        try ProcessRun.run(try Binaries.hvharden, arguments, environment: environment(extra))
    }
}
