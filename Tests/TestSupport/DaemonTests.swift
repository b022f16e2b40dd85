import Foundation
import Testing

extension Tag {
    /// Tests that need the real libvirtd with the QEMU driver (`qemu:///system`), started by
    /// `scripts/start-libvirtd.sh`. `swift test --skip-tag daemon` is not a SwiftPM option, so
    /// a developer without the daemon sets `HVHARDEN_SKIP_DAEMON_TESTS=1`: every test with this
    /// tag is then reported as skipped, with the reason, never run half-way. `scripts/test.sh`
    /// (and so CI) refuses the variable, so the full run always includes them.
    @Tag public static var daemon: Self
}

public enum DaemonTests {
    /// The variable that skips the daemon tests.
    public static let skipVariable = "HVHARDEN_SKIP_DAEMON_TESTS"

    /// Whether the daemon tests run: unless `HVHARDEN_SKIP_DAEMON_TESTS` is set and not empty.
    public static var wanted: Bool {
        (ProcessInfo.processInfo.environment[skipVariable] ?? "").isEmpty
    }

    /// Why they did not, as the test report shows it.
    public static let skipped: Comment = "HVHARDEN_SKIP_DAEMON_TESTS is set: this test needs the real libvirtd"
}
