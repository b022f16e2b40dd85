import Compiler
import HostModel

/// The Planner's view of the host: what it needs read, as values. The live implementation
/// (`LiveStateReader`: libvirt, Augeas and /proc, /sys under a root) lives in the adapters;
/// `ObservedState` is one in memory, for tests and for state read earlier.
///
/// The three reads may run at the same time, on different threads.
public protocol StateReader: Sendable {
    /// Where the state is read: the libvirt URI, and the directory that stands for `/`.
    var connectURI: String { get }
    var root: String { get }
    /// Why host-file and host-fact rules cannot be checked through this reader (a remote URI
    /// without a copy of that host's root), if they cannot.
    var hostScopeNote: String? { get }
    /// The host's name, which waivers scoped to `hosts:` match; nil when it cannot be read
    /// (then no such waiver covers anything).
    var hostName: String? { get }
    /// The host facts. Never fails: an unreadable fact is unknown.
    func readFacts() -> HostFacts
    /// The keys `query` asks for, from the host's config files, each file fingerprinted.
    func readFiles(_ query: ConfigQuery) throws -> [ConfigFile: ObservedFile]
    /// The host paths `query` names (globs expanded under the root), each with its metadata.
    /// Never fails: what cannot be read is listed in `ObservedPaths.problems`.
    func readPaths(_ query: PathQuery) -> ObservedPaths
    /// The systemd units named (libvirt's socket units), as systemd would load them. Never
    /// fails: a unit that cannot be read is reported on the unit.
    func readUnits(_ names: Set<String>) -> ObservedUnits
    /// The libvirt secrets: those the connection's secret driver lists and, with
    /// `includingFiles`, the definitions under the root's /etc/libvirt/secrets. Never fails: what
    /// cannot be read is listed in `ObservedSecrets.problems`.
    func readSecrets(includingFiles: Bool) -> ObservedSecrets
    /// Lists the domains, chooses with `selection.choose(from:)`, and hands every chosen domain
    /// to `deliver` as soon as it is read (on any thread, in any order; a failure to read one
    /// is delivered as its result). Returns when every chosen domain was delivered.
    func readDomains(
        _ selection: DomainSelection, deliver: @escaping @Sendable (String, Result<ObservedDomain, any Error>) -> Void
    ) throws -> DomainSelection.Chosen
    /// libvirt's domain capabilities for one emulator, architecture, machine and virt type
    /// (what a fix may change a domain to); called from any thread, often with the same key,
    /// so a live reader asks libvirt once per key. Never fails: what cannot be read is `.unknown`.
    func domainCapabilities(_ key: CapabilityKey) -> CapabilityLookup
}

/// Which domains to plan: those named with `--domain`, or else those the policy's globs select.
public struct DomainSelection: Sendable {
    public var selector: DomainSelector
    public var names: [String]

    public init(selector: DomainSelector, names: [String] = []) {
        self.selector = selector
        self.names = names
    }

    /// Every domain.
    public static let all = DomainSelection(selector: DomainSelector(include: ["*"], exclude: []))

    /// The listed domains split into chosen and not chosen, each in listing order. A name given
    /// with `--domain` that is not listed is an error naming it.
    public func choose(from listed: [String], uri: String) throws -> Chosen {
        let known = Set(listed)
        if let missing = names.first(where: { !known.contains($0) }) {
            throw PlanError.unknownDomain(missing, uri: uri)
        }
        let named = Set(names)
        var chosen = Chosen()
        for name in listed {
            if named.isEmpty ? selector.selects(name) : named.contains(name) {
                chosen.selected.append(name)
            } else {
                chosen.unselected.append(name)
            }
        }
        return chosen
    }

    public struct Chosen: Sendable, Equatable {
        public var selected: [String] = []
        public var unselected: [String] = []
    }
}
