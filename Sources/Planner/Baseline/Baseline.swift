import Compiler
import Foundation

/// A generated baseline: the strongest posture every listed host satisfies, and for each host
/// the dated waivers it needs to pass today (`hvharden baseline`; docs/architecture.md).
///
/// Profiles have no host selector on waivers, so a waiver written into a shared profile would
/// excuse every host. The baseline therefore keeps each host's waivers apart, and `files(out:outDir:)`
/// writes them into one profile per host that extends the shared one (or into the baseline
/// itself when there is a single host).
public struct Baseline: Sendable {
    /// The shared profile's `metadata.name`, and its file name (`NAME.yaml`) in `--out-dir`.
    public var name: String
    /// The day the baseline was made, `YYYY-MM-DD` (UTC).
    public var day: String
    /// The parent profile as given (`--extends`): a shipped profile's name or a file path.
    public var extends: String?
    /// Whether `extends` names a file (written relative to the profile that extends it).
    public var extendsIsFile: Bool
    public var posture: BaselinePosture
    /// Every host, in the order given.
    public var hosts: [HostWaivers]

    /// One host's name, where it was read, and the waivers it needs.
    public struct HostWaivers: Sendable {
        public var name: String
        public var origin: String
        /// Whether its domains were known (`--from-host`) when its fact rules were evaluated.
        public var domainsKnown: Bool
        /// One per host-fact rule that fails on the host under the baseline and that no parent
        /// profile already waives, in rule id order; none of them covers domains.
        public var waivers: [Waiver]
    }

    /// Hosts that need at least one waiver.
    public var hostsWithWaivers: [String] { hosts.filter { !$0.waivers.isEmpty }.map(\.name) }
}

/// What `BaselineBuilder.build` needs besides the hosts.
public struct BaselineOptions: Sendable {
    /// `metadata.name` of the shared profile.
    public var name: String
    /// A parent profile (shipped name or file) the baseline extends; nil for none.
    public var extends: String?
    /// How long generated waivers hold: they expire this many days after `today`.
    public var waiverDays: Int
    public var today: Date

    public init(name: String = "baseline", extends: String? = nil, waiverDays: Int = 90, today: Date = Date()) {
        self.name = name
        self.extends = extends
        self.waiverDays = waiverDays
        self.today = today
    }
}
