import Applier

/// Observers a test harness may install before running `HVHarden.main()` (the
/// `hvharden-faults` executable of the tests does, to stop an apply at a checkpoint). The
/// `hvharden` executable installs none.
public enum CLIHooks {
    /// Told how far each apply got.
    nonisolated(unsafe) public static var applyCheckpoint: (@Sendable (ApplyCheckpoint) -> Void)?
}
