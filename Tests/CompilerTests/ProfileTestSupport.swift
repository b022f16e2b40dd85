import Foundation
@testable import Compiler
import TestSupport

/// Shared pieces for the profile tests: a catalogue with rules of every shape the compiler
/// treats differently, a fixed "today", the repository paths, and inline profile files.
enum ProfileTestSupport {
    /// Waivers in fixtures expire in 2024 (past) or 2099 (future) relative to this day.
    static let today = Waiver.parseDay("2026-06-01")!

    /// The shipped rules plus synthetic ones: parameters of each type, opt-in, manual, PI-1,
    /// posture-conditional and host-file rules, whatever the real catalogue holds today.
    static let catalogue = RuleCatalogue(rules: RuleCatalogue.shipped.rules + [
        rule("test-max-processes", parameters: [
            Parameter(name: "maxProcesses", type: .int, default: .int(1000), description: "limit"),
        ]),
        rule("test-graphics-listen", parameters: [
            Parameter(name: "allowedListen", type: .list, default: .list(["127.0.0.1"]), description: "addresses"),
            Parameter(name: "protocol", type: .string, default: .string("vnc"), description: "protocol", allowed: ["vnc", "spice"]),
            Parameter(name: "tls", type: .bool, default: .bool(false), description: "tls"),
        ]),
        rule("test-disk-encryption", optIn: true),
        rule("test-firewall-reviewed", target: .manual, check: .manual),
        rule("test-guest-secure-boot", topic: "PI-1", appliesWhen: PostureCondition(bootIntegrity: [.required, .preferred])),
        rule("test-nested-attested", appliesWhen: PostureCondition(platform: [.hosted])),
        rule("test-iommu-on", appliesWhen: PostureCondition(passthrough: [.pciVFIO, .sriovVFOnly]), target: .hostFile),
    ])

    static func rule(
        _ id: String, topic: String = "B2-1", appliesWhen: PostureCondition = PostureCondition(), optIn: Bool = false,
        target: RuleTarget = .domain, check: Check = .xmlAbsent(XMLAbsentCheck(select: "/domain/x")), parameters: [Parameter] = []
    ) -> Rule {
        Rule(
            id: id, title: id, severity: .medium, rationale: "test", references: References(function: "HY-BF2", topic: topic),
            appliesWhen: appliesWhen, optIn: optIn, target: target, check: check, effect: .none, guidance: "test",
            parameters: parameters, examples: RuleExamples(compliant: [], noncompliant: [])
        )
    }

    /// The repository root, found from this file's path.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Compiles with the test catalogue and the fixed day; returns every diagnostic, errors or not.
    static func diagnostics(_ profiles: [String]) -> [Diagnostic] {
        do {
            return try Compiler.compile(profiles: profiles, catalogue: catalogue, today: today, shipped: Bundled.profiles).warnings
        } catch {
            return error.diagnostics
        }
    }

    static func compile(_ profiles: [String]) throws(DiagnosticsError) -> Compilation {
        try Compiler.compile(profiles: profiles, catalogue: catalogue, today: today, shipped: Bundled.profiles)
    }
}

/// A temporary directory of profile files written inline by a test (Terraform's
/// `testModuleInline`); `remove()` deletes it, call it with `defer`.
struct ProfileDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-profile-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` (which may contain subdirectories) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The first lines every inline profile needs.
func profileHeader(_ name: String = "test") -> String {
    """
    apiVersion: hvharden/v1
    kind: Profile
    metadata: {name: \(name)}

    """
}
