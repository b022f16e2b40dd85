import Foundation

/// The compiled result of one or more layered profiles: the posture, the rules that apply with
/// their resolved parameters, which domains are in scope, and the accepted exceptions. The
/// Planner evaluates a Policy against the observed host; nothing in it refers to YAML any more.
public struct Policy: Hashable, Sendable, Codable {
    public var posture: Posture
    public var domains: DomainSelector
    /// Selected rules, sorted by id.
    public var rules: [SelectedRule]
    public var waivers: [Waiver]
    public var attestations: [Attestation]
    /// The profile files, most general first, as given or resolved through `extends`.
    public var sources: [String]
    /// SHA-256 over the bytes of every source, in order: identifies the policy in a plan.
    public var digest: String

    public init(
        posture: Posture, domains: DomainSelector, rules: [SelectedRule], waivers: [Waiver] = [],
        attestations: [Attestation] = [], sources: [String] = [], digest: String = ""
    ) {
        self.posture = posture
        self.domains = domains
        self.rules = rules.sorted { $0.rule.id < $1.rule.id }
        self.waivers = waivers
        self.attestations = attestations
        self.sources = sources
        self.digest = digest
    }

    /// The waiver covering `rule` for a target (a domain name, or nil for host-level targets)
    /// that has not expired on `date`.
    public func waiver(for rule: String, domain: String?, host: String? = nil, on date: Date) -> Waiver? {
        waivers.first { $0.rule == rule && $0.covers(domain: domain) && $0.covers(host: host) && !$0.isExpired(on: date) }
    }

    /// The attestation for a manual rule, if the profile records one that has not expired.
    public func attestation(for rule: String, on date: Date) -> Attestation? {
        attestations.first { $0.rule == rule && !($0.expires.map { Waiver.day($0, isBefore: date) } ?? false) }
    }
}

/// A rule as the policy selected it: its parameters resolved from defaults and profile values.
public struct SelectedRule: Hashable, Sendable, Codable {
    /// How a failed check is reported.
    public enum Enforcement: String, Hashable, Sendable, Codable {
        /// Fix automatically where the rule can; otherwise a finding.
        case enforce
        /// Report as a finding only; never change anything (e.g. boot integrity `preferred`).
        case advisory
    }

    public var rule: Rule
    public var parameters: [String: Value]
    public var enforcement: Enforcement
    /// The profile line that selected or tailored the rule (for SARIF and diagnostics).
    public var selectedBy: SourceLocation?

    public init(rule: Rule, parameters: [String: Value]? = nil, enforcement: Enforcement = .enforce, selectedBy: SourceLocation? = nil) {
        self.rule = rule
        self.parameters = parameters ?? Dictionary(uniqueKeysWithValues: rule.parameters.map { ($0.name, $0.default) })
        self.enforcement = enforcement
        self.selectedBy = selectedBy
    }
}

/// Which domains a policy covers, by shell-style globs on the domain name.
public struct DomainSelector: Hashable, Sendable, Codable {
    public var include: [String]
    public var exclude: [String]

    public init(include: [String] = ["*"], exclude: [String] = []) {
        self.include = include
        self.exclude = exclude
    }

    public func selects(_ name: String) -> Bool {
        include.contains { Glob.matches($0, name) } && !exclude.contains { Glob.matches($0, name) }
    }
}

/// An accepted, time-limited exception to a rule (for some domains, or for the whole host).
public struct Waiver: Hashable, Sendable, Codable {
    public var rule: String
    /// Domain-name globs the waiver covers; nil covers every target of the rule.
    public var domains: [String]?
    /// Host-name globs the waiver covers (one fleet profile carries every host's waivers); nil
    /// covers every host.
    public var hosts: [String]?
    public var reason: String
    /// The last day the waiver holds, `YYYY-MM-DD`; after it the waiver is expired.
    public var expires: String
    public var location: SourceLocation?

    public init(rule: String, domains: [String]? = nil, hosts: [String]? = nil, reason: String, expires: String, location: SourceLocation? = nil) {
        self.rule = rule
        self.domains = domains
        self.hosts = hosts
        self.reason = reason
        self.expires = expires
        self.location = location
    }

    public func covers(domain: String?) -> Bool {
        guard let globs = domains else { return true }
        guard let domain else { return false }
        return globs.contains { Glob.matches($0, domain) }
    }

    /// Whether the waiver holds on the host named `host` (nil: unknown, which no host glob matches).
    public func covers(host: String?) -> Bool {
        guard let globs = hosts else { return true }
        guard let host else { return false }
        return globs.contains { Glob.matches($0, host) }
    }

    public func isExpired(on date: Date) -> Bool { Waiver.day(expires, isBefore: date) }

    /// Whether the day `yyyyMMdd` ended before `date` (UTC). An unparsable day counts as expired.
    static func day(_ day: String, isBefore date: Date) -> Bool {
        guard let end = Waiver.parseDay(day) else { return true }
        return end.addingTimeInterval(86_400) <= date
    }

    /// Parses `YYYY-MM-DD` as midnight UTC.
    public static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: y, month: m, day: d)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}

/// A profile's statement that a manual step has been carried out.
public struct Attestation: Hashable, Sendable, Codable {
    public var rule: String
    public var statement: String
    public var expires: String?
    public var location: SourceLocation?

    public init(rule: String, statement: String, expires: String? = nil, location: SourceLocation? = nil) {
        self.rule = rule
        self.statement = statement
        self.expires = expires
        self.location = location
    }
}
