import Digests
import Compiler
import Foundation

/// Renders a plan as a SARIF 2.1.0 log that GitHub code scanning accepts.
///
/// - `runs[0].tool.driver.rules` describes every rule the policy selected (title, rationale,
///   guidance, references as tags, GitHub's numeric `security-severity`), so code scanning can
///   tell "checked and passed" from "never checked" and close fixed alerts.
/// - Every change and every unwaived finding is a result, `error` for critical and high rules,
///   `warning` for medium and `note` for low. Its physical location is the profile line that
///   selected the rule (`SelectedRule.selectedBy`), relative to `baseDirectory` under the
///   `%SRCROOT%` base, so alerts land on the profile in the repository that CI checks out;
///   its logical locations name the host, the domain or file, and the XML path or key.
/// - Waived items are not results: GitHub does not honour SARIF `suppressions` and would open
///   an alert for each. They are listed under `runs[0].properties.waived` instead.
/// - Each result carries `partialFingerprints["hvhardenTarget/v1"]`, a hash of host, rule and
///   object, because many results share one profile line and would otherwise be merged.
///
/// Secrets never appear: the plan's values are already scrubbed.
public struct SARIFRenderer {
    /// Where the rules came from; its `selectedBy` locations place the results.
    public var policy: Policy
    /// The machine the plan describes, for logical locations and GitHub's category: the host
    /// of a remote URI, otherwise what the caller knows (the local host name).
    public var hostName: String
    /// The directory profile paths are made relative to (`%SRCROOT%`), normally the working
    /// directory of a CI job at the repository's root. Absolute, without a trailing slash.
    public var baseDirectory: String

    /// The project's home, `tool.driver.informationUri`.
    public static let informationURI = "https://hvharden.dev"
    /// The partial fingerprint key that keeps one result per host, rule and object.
    public static let fingerprintKey = "hvhardenTarget/v1"

    public init(policy: Policy, hostName: String, baseDirectory: String) {
        self.policy = policy
        self.hostName = hostName
        self.baseDirectory = baseDirectory
    }

    /// The SARIF log as indented JSON with sorted keys, ending in a newline.
    public func render(_ plan: Plan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(log(plan))
        data.append(0x0A)
        return data
    }

    func log(_ plan: Plan) -> SARIFLog {
        var rules = policy.rules.map { Self.descriptor($0.rule) }
        var index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        // Results whose rule the policy does not hold (the planner's own "domain-driver-in-scope").
        for id in plan.changes.map(\.rule) + plan.findings.map(\.rule) where index[id] == nil {
            index[id] = rules.count
            let severity = plan.findings.first { $0.rule == id }?.severity ?? .low
            rules.append(Self.plannerDescriptor(id, severity: severity, guidance: plan.findings.first { $0.rule == id }?.guidance ?? ""))
        }
        let locator = ReportLocator(policy: policy, profiles: plan.profiles, baseDirectory: baseDirectory)
        var results: [SARIFLog.Result] = []
        for change in plan.changes {
            results.append(result(
                rule: change.rule, index: index[change.rule]!, severity: change.severity, address: change.address,
                message: Self.message(change), locator: locator,
                properties: [
                    "hvharden/item": "change", "hvharden/action": .string(change.action.rawValue),
                    "hvharden/effect": .string(change.effect.rawValue), "hvharden/target": .string(change.address.description),
                ]))
        }
        for finding in plan.findings {
            results.append(result(
                rule: finding.rule, index: index[finding.rule]!, severity: finding.severity, address: finding.address,
                message: Self.message(finding), locator: locator,
                properties: [
                    "hvharden/item": "finding", "hvharden/findingKind": .string(finding.kind.rawValue),
                    "hvharden/target": .string(finding.address.description),
                ]))
        }
        let notifications = plan.notes.map { SARIFLog.Notification(message: .init(text: $0), level: "note") }
        let run = SARIFLog.Run(
            tool: .init(driver: .init(
                name: "hvharden", version: plan.hvhardenVersion, semanticVersion: plan.hvhardenVersion,
                informationUri: Self.informationURI, rules: rules)),
            automationDetails: .init(id: "hvharden/\(hostName)/"),
            originalUriBaseIds: [ReportLocator.sourceRoot: .init(
                uri: ReportLocator.fileURI(baseDirectory + "/"), uriBaseId: nil,
                description: .init(text: "The directory hvharden ran in; profile paths are relative to it."))],
            invocations: [.init(executionSuccessful: true, toolExecutionNotifications: notifications.isEmpty ? nil : notifications)],
            results: results,
            properties: runProperties(plan))
        return SARIFLog(runs: [run])
    }

    private func result(
        rule: String, index: Int, severity: Severity, address: Address, message: String, locator: ReportLocator,
        properties: [String: JSONValueBag]
    ) -> SARIFLog.Result {
        var properties = properties
        properties["hvharden/severity"] = .string(severity.rawValue)
        let target = "\(hostName)\u{0}\(rule)\u{0}\(address.object)\u{0}\(address.path ?? "")"
        return SARIFLog.Result(
            ruleId: rule, ruleIndex: index, level: Self.level(severity), message: .init(text: message),
            locations: [.init(physicalLocation: locator.location(rule: rule, address: address),
                              logicalLocations: ReportLocator.logicalLocations(host: hostName, address: address))],
            partialFingerprints: [Self.fingerprintKey: SHA256.hex(Array(target.utf8))],
            properties: properties)
    }

    private func runProperties(_ plan: Plan) -> [String: JSONValueBag] {
        let waived: [JSONValueBag] = plan.waived.map { item in
            .object([
                "rule": .string(item.rule), "target": .string(item.address.description),
                "reason": .string(item.reason), "expires": .string(item.expires),
            ])
        }
        return [
            "hvharden/connectURI": .string(plan.connectURI),
            "hvharden/root": .string(plan.root),
            "hvharden/profiles": .strings(plan.profiles),
            "hvharden/profileDigest": .string(plan.profileDigest),
            "hvharden/waived": .list(waived),
            "hvharden/pendingRestart": .strings(plan.pendingRestart.map(\.domain)),
        ]
    }

    /// `Domain 'web01' /domain/devices/graphics/@listen: update '0.0.0.0' → '127.0.0.1' (…).`
    static func message(_ change: Change) -> String {
        let path = change.address.path.map { " \($0)" } ?? ""
        let before = change.before.map { "'\($0)'" } ?? "(absent)"
        let after = change.after.map { "'\($0)'" } ?? "(absent)"
        return "\(change.address.object.capitalizedFirst)\(path): \(change.action.rawValue) \(before) → \(after) "
            + "('hvharden apply' makes this change; it takes effect \(change.effectPhrase))."
    }

    /// `Domain 'web01': noncompliant: MESSAGE. What to do: GUIDANCE`
    static func message(_ finding: Finding) -> String {
        let path = finding.address.path.map { " at \($0)" } ?? ""
        let guidance = PlanTextRenderer.oneLine(finding.guidance)
        return "\(finding.address.object.capitalizedFirst)\(path): \(finding.kind.rawValue): \(finding.message.asSentence)"
            + (guidance.isEmpty ? "" : " What to do: \(guidance)")
    }
}

private extension String {
    /// The string with its first letter in upper case ("domain 'a'" → "Domain 'a'").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }

    /// The text ending in one full stop.
    var asSentence: String { hasSuffix(".") ? self : self + "." }
}
