import Applier
import ArgumentParser
import Foundation
import Planner

/// `--connect` and `--root`: which host a command reads or changes.
struct HostOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The libvirt connection URI.", valueName: "uri"))
    var connect = "qemu:///system"

    @Option(help: ArgumentHelp(
        "The directory that stands for '/' when reading configuration files and host facts.", valueName: "dir"))
    var root = "/"

    /// The absolute path of `--root`, which must be a directory: a mistyped root would otherwise
    /// read as a host with no configuration files and no facts, and plan nonsense.
    func resolvedRoot() throws -> String { try InputPath.directory(root, option: "root") }
}

/// `--profile`, repeatable: the profiles to layer, in order.
struct ProfileOptions: ParsableArguments {
    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "A profile file, or the name of a shipped profile; repeat to layer several, in order.", valueName: "file"))
    var profiles: [String] = []
}

/// `--domain`, repeatable: restrict to these domains.
struct DomainOptions: ParsableArguments {
    @Option(name: .customLong("domain"), help: ArgumentHelp(
        "Only this domain (repeatable); by default, every domain the profile selects.", valueName: "name"))
    var domains: [String] = []
}

/// `--state-dir`: the lock, the journals, the applied-plan records and the fingerprint key.
struct StateOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Where the fingerprint key, lock, journals and applied-plan records live "
            + "(default: $HVHARDEN_STATE_DIR, else \(StateDirectory.defaultPath)).", valueName: "dir"))
    var stateDir: String?

    /// The state directory: `--state-dir`, else `HVHARDEN_STATE_DIR`, else the default.
    var path: String { stateDir ?? Self.environment("HVHARDEN_STATE_DIR") ?? StateDirectory.defaultPath }

    static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `--lock-dir`: where apply and rollback take the host-wide locks.
struct LockOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Where the host-wide locks live, one per root and one per libvirt connection, so applies "
            + "with different state directories still exclude each other "
            + "(default: $HVHARDEN_LOCK_DIR, else \(HostLockScope.defaultDirectory)).", valueName: "dir"))
    var lockDir: String?

    @Option(help: ArgumentHelp(
        "How long to wait for another apply or rollback to release the locks before giving up (default: 0, fail at once).",
        valueName: "seconds"))
    var lockTimeout: Double = 0

    func validate() throws {
        guard lockTimeout.isFinite, lockTimeout >= 0 else { throw ValidationError("--lock-timeout must be a number of seconds, 0 or more") }
    }

    /// The host lock directory: `--lock-dir`, else `HVHARDEN_LOCK_DIR`, else the default.
    var path: String { lockDir ?? StateOptions.environment("HVHARDEN_LOCK_DIR") ?? HostLockScope.defaultDirectory }
}

/// `--detailed-exitcode` and `--fail-on`: the exit status of commands that report plans.
struct ExitCodeOptions: ParsableArguments {
    @Flag(help: "Exit 2 when there are changes, 3 when there are none but unwaived findings at or above --fail-on remain, 0 otherwise.")
    var detailedExitcode = false

    @Option(help: ArgumentHelp(
        "With --detailed-exitcode: the least severe unwaived finding that makes the exit status 3 (none: findings never do).",
        valueName: "severity"))
    var failOn: FailOn = .low

    /// Throws the exit status for `plans` unless it is 0.
    func exit(for plans: [Plan]) throws {
        let status = PlanExitCode(plans: plans, detailed: detailedExitcode, failOn: failOn)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

extension FailOn: ExpressibleByArgument {}

/// `--format` of `apply` and `rollback`.
enum ResultFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

/// `--no-color`: plain text even on a terminal (as `NO_COLOR=1`).
struct ColourOptions: ParsableArguments {
    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal (also NO_COLOR; FORCE_COLOR forces it on).")
    var noColor = false
}
