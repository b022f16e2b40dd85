import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// The stage for killing `hvharden apply`: two inactive TCG domains on the real libvirtd (one with
/// a VNC password, so secrets must survive), the lab's root, a state directory, and the CLI
/// arguments that plan and apply the baseline to exactly those domains and files.
final class FaultLab {
    let sandbox: DaemonSandbox
    let names: [String]
    let profile: String
    var root: String { sandbox.box.root }
    var state: String { sandbox.box.state }

    init() throws {
        sandbox = try DaemonSandbox()
        names = [try sandbox.define("a", vnc: true), try sandbox.define("b")].sorted()
        profile = try sandbox.profile()
    }

    var applyArguments: [String] {
        ["apply", "--profile", profile, "--connect", DaemonSandbox.uri, "--root", root, "--state-dir", state, "--auto-approve"]
    }

    func image() throws -> FaultHostImage {
        try FaultHostImage.capture(root: root, domains: names) { try self.sandbox.box.domainXML($0) }
    }

    /// Starts an apply, paused at `point` when given.
    func startApply(pauseAt point: String? = nil) throws -> CLIChild {
        try CLIChild(applyArguments, environment: point.map { ["HVHARDEN_TEST_PAUSE_AT": $0] } ?? [:])
    }

    /// `hvharden rollback` of the latest apply, as an operator would run it after a crash.
    func rollback() throws -> CLIChild.Run {
        try CLIChild.run(["rollback", "--state-dir", state])
    }

    /// How many journal directories exist (an apply adds one before its first write).
    func journalCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: state + "/journal")) ?? []).count
    }

    /// Every journal manifest in the state directory, decoded as `rollback` decodes it; a
    /// manifest that does not decode is a failed expectation naming its directory.
    func manifests() throws -> [JournalManifest] {
        let base = state + "/journal"
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted()
        return ids.compactMap { id -> JournalManifest? in
            guard let data = FileManager.default.contents(atPath: "\(base)/\(id)/manifest.json") else { return nil }
            do {
                return try JSONDecoder().decode(JournalManifest.self, from: data)
            } catch {
                Issue.record("journal '\(id)' has an undecodable manifest: \(error)")
                return nil
            }
        }
    }
}
