import Compiler
import Foundation
import Host
@testable import Planner
import Testing
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// A policy every fixture is planned under, with the lab's host (examples/lab/root: Debian's
/// default config files and the lab's facts) as the rest of the observed state.
///
/// - `baseline`: `profiles/nist-800-125a-baseline.yaml` (no passthrough, boot integrity preferred).
/// - `high`: `profiles/nist-800-125a-high.yaml` (boot integrity required, so PI-1 fixes apply).
/// - `passthrough`: an inline profile with `pci-vfio` passthrough, an allow-list holding the
///   lab's X710 NIC, USB allowed, and every opt-in domain rule enabled, so that the passthrough
///   evaluators and the opt-in fixes (the guest-agent channel) run too.
struct DomainFixturePolicy: Sendable, CustomStringConvertible, CustomTestStringConvertible {
    let label: String
    let policy: Policy
    /// The lab's files and facts with no domains; a test puts its domains in.
    let host: ObservedState

    var description: String { label }
    var testDescription: String { label }

    static let day = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01, UTC
    static let labRoot = Repo.root.appendingPathComponent("examples/lab/root").path

    /// All three, compiled and read once per test process.
    static func all() throws -> [DomainFixturePolicy] { try cached.get() }

    private static let cached = Result {
        try [
            make("baseline", profile: shipped("nist-800-125a-baseline")),
            make("high", profile: shipped("nist-800-125a-high")),
            make("passthrough", profileText: passthroughProfile),
        ]
    }

    /// The state with `domains` on the lab host.
    func state(_ domains: [ObservedDomain]) -> ObservedState {
        var state = host
        state.domains = domains
        // The test driver reports no domain capabilities; these were captured on a real host,
        // with swtpm's emulator backend added (the lab has swtpm), so every fix is exercised.
        state.capabilities = CapturedCapabilities.amdNested { caps in
            caps.devices["tpm"]?.enums["backendModel", default: []].insert("emulator")
        }
        return state
    }

    func plan(_ domains: [ObservedDomain]) throws -> Plan {
        try Planner.plan(policy: policy, reader: state(domains), today: Self.day)
    }

    /// The opt-in domain rules of the shipped catalogue, which the passthrough profile enables.
    static var optInDomainRules: [String] {
        RuleCatalogue.shipped.rules.filter { $0.optIn && $0.target == .domain }.map(\.id).sorted()
    }

    private static var passthroughProfile: String {
        """
        apiVersion: hvharden/v1
        kind: Profile
        metadata: {name: fixtures-passthrough, description: "pci-vfio passthrough with every opt-in domain rule"}
        extends: [nist-800-125a-baseline]
        posture:
          passthrough:
            mode: pci-vfio
            allowedDevices: ["8086:1572"]
            maxDevicesPerDomain: 2
            allowUSB: true
        rules:
          enable: [\(optInDomainRules.joined(separator: ", "))]
        """
    }

    private static func shipped(_ name: String) -> String {
        Repo.root.appendingPathComponent("profiles/\(name).yaml").path
    }

    private static func make(_ label: String, profile: String) throws -> DomainFixturePolicy {
        let policy = try Compiler.compile(profiles: [profile], today: day).policy
        return DomainFixturePolicy(label: label, policy: policy, host: try labHost(policy))
    }

    /// Compiles a profile written to a temporary directory, removed again at once.
    private static func make(_ label: String, profileText: String) throws -> DomainFixturePolicy {
        try withScratch { dir in
            let path = dir.appendingPathComponent("\(label).yaml")
            try profileText.write(to: path, atomically: true, encoding: .utf8)
            return try make(label, profile: path.path)
        }
    }

    /// The lab's files and facts as the live reader sees them, through a test-driver node file
    /// with no domains.
    private static func labHost(_ policy: Policy) throws -> ObservedState {
        try withScratch { dir in
            let node = dir.appendingPathComponent("empty-node.xml")
            try "<node></node>\n".write(to: node, atomically: true, encoding: .utf8)
            var host = try LiveStateReader(connectURI: "test://\(node.path)", root: labRoot, key: TestKey.key).read(policy: policy)
            host.domains = []
            return host
        }
    }

    /// Runs `body` with a fresh temporary directory and removes it afterwards.
    static func withScratch<T>(_ body: (URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-fixtures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }
}
