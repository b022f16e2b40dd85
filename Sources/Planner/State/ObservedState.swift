import Compiler
import HostModel

/// Everything a plan is computed from, as plain values: the selected domains with their XML, the
/// config keys the policy needs, and the host facts. It is also a `StateReader` over what it
/// holds, so tests and callers with state read earlier plan through the one entry point.
public struct ObservedState: Sendable {
    /// Where the state was read: the libvirt URI and the filesystem root for files and facts.
    public var connectURI: String
    public var root: String
    public var domains: [ObservedDomain]
    /// Domains that exist but were not selected (by the profile's globs or `--domain`).
    public var unselectedDomains: [String]
    public var files: [ConfigFile: ObservedFile]
    /// The host paths host-path rules read.
    public var paths: ObservedPaths = .none
    /// The systemd units host-unit rules read.
    public var units: ObservedUnits = .none
    /// The libvirt secrets libvirt-secret rules read.
    public var secrets: ObservedSecrets = .none
    public var facts: HostFacts
    /// Host-file and fact rules are skipped with this note when the root is not the host's
    /// (for example a remote libvirt URI without `--root`).
    public var hostScopeNote: String?
    /// Where domain capabilities come from (the reader this state was read through); nil: none
    /// can be shown, so no fix that needs them is proposed.
    public var capabilities: CapabilitySource?
    /// The host's name (waivers scoped to `hosts:` match it).
    public var hostName: String?

    public init(
        connectURI: String, root: String, domains: [ObservedDomain], unselectedDomains: [String] = [],
        files: [ConfigFile: ObservedFile], facts: HostFacts, hostScopeNote: String? = nil, capabilities: CapabilitySource? = nil,
        hostName: String? = nil
    ) {
        self.hostName = hostName
        self.capabilities = capabilities
        self.connectURI = connectURI
        self.root = root
        self.domains = domains
        self.unselectedDomains = unselectedDomains
        self.files = files
        self.facts = facts
        self.hostScopeNote = hostScopeNote
    }
}

extension ObservedState: StateReader {
    public func readFacts() -> HostFacts { facts }

    public func readFiles(_ query: ConfigQuery) throws -> [ConfigFile: ObservedFile] { files }

    public func readPaths(_ query: PathQuery) -> ObservedPaths { paths }

    public func readUnits(_ names: Set<String>) -> ObservedUnits { units }

    public func readSecrets(includingFiles: Bool) -> ObservedSecrets { secrets }

    public func readDomains(
        _ selection: DomainSelection, deliver: @escaping @Sendable (String, Result<ObservedDomain, any Error>) -> Void
    ) throws -> DomainSelection.Chosen {
        var chosen = try selection.choose(from: domains.map(\.name), uri: connectURI)
        let wanted = Set(chosen.selected)
        for domain in domains where wanted.contains(domain.name) { deliver(domain.name, .success(domain)) }
        chosen.unselected += unselectedDomains
        return chosen
    }

    public func domainCapabilities(_ key: CapabilityKey) -> CapabilityLookup {
        capabilities?(key) ?? .unknown("the state was given without domain capabilities")
    }
}

/// The host side of what a plan is computed from: everything but the domains.
struct HostState: Sendable {
    var connectURI: String
    var root: String
    var unselectedDomains: [String]
    var files: [ConfigFile: ObservedFile]
    var paths: ObservedPaths = .none
    var units: ObservedUnits = .none
    var secrets: ObservedSecrets = .none
    var facts: HostFacts
    var hostScopeNote: String?
    var hostName: String?
}

/// One domain as libvirt reported it.
public struct ObservedDomain: Sendable {
    public var name: String
    public var uuid: String
    public var state: DomainState
    public var isActive: Bool
    /// The persistent definition, read with INACTIVE|SECURE. Holds secrets: never print it.
    public var persistentXML: String
    /// The running definition, for active domains; nil otherwise.
    public var liveXML: String?
    /// The keyed fingerprint of `persistentXML`, for the plan's basis.
    public var fingerprint: Fingerprint

    public init(
        name: String, uuid: String, state: DomainState, isActive: Bool, persistentXML: String, liveXML: String? = nil,
        fingerprint: Fingerprint
    ) {
        self.name = name
        self.uuid = uuid
        self.state = state
        self.isActive = isActive
        self.persistentXML = persistentXML
        self.liveXML = liveXML
        self.fingerprint = fingerprint
    }
}

/// One kind of config file (several files for sysctl and modprobe) with the keys the policy
/// asked for.
public struct ObservedFile: Sendable, Hashable {
    public var kind: ConfigFile
    /// The keyed fingerprint of each file that was read, by host path (`.absent` when missing).
    public var fingerprints: [String: Fingerprint]
    /// Effective entries by key (the check's Augeas path below the file).
    public var entries: [String: ConfigEntry]
    /// What a reader of the plan should know about these files, naming file and lines: a key
    /// defined several times with different values, for example.
    public var notes: [String]
    /// Files of this kind that the lens does not parse, each as "file:line:column: error: …";
    /// hvharden cannot edit them, and the rules of the kind say so.
    public var unparsable: [String]
    /// Whether the entries were still read from the unparsable files, by hvharden's own reader of
    /// the format (`VirConfText` for qemu.conf and libvirtd.conf); false means the rules of the
    /// kind cannot be judged from them.
    public var readWithoutLens: Bool

    public init(
        kind: ConfigFile, fingerprints: [String: Fingerprint], entries: [String: ConfigEntry], notes: [String] = [],
        unparsable: [String] = [], readWithoutLens: Bool = false
    ) {
        self.kind = kind
        self.fingerprints = fingerprints
        self.entries = entries
        self.notes = notes
        self.unparsable = unparsable
        self.readWithoutLens = readWithoutLens
    }

    public func entry(_ key: String) -> ConfigEntry {
        entries[key] ?? ConfigEntry(key: key)
    }
}
