/// A condition a rule's fix (or the rule itself) needs on this host or domain, as catalogue data
/// (`preconditions:` in YAML). The Planner evaluates every kind in one place over the host facts,
/// the domain document and the host's config files; when one does not hold, the plan gets a
/// finding saying which and what to do instead of a change (docs/architecture.md, "Preconditions").
public struct Precondition: Hashable, Sendable, Codable {
    /// The closed vocabulary of conditions.
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        /// AppArmor or SELinux enforces (facts `mac.enforcing`).
        case macEnforcing = "mac-enforcing"
        /// `/dev/kvm` exists (facts `kvm.devKVM`).
        case kvmDevice = "kvm-device"
        /// The guest's architecture (`/domain/os/type/@arch`, the host's when absent) is the host's
        /// (facts `cpu.architecture`).
        case guestArchIsHost = "guest-arch-is-host"
        /// The guest's architecture is one of `allowed`.
        case guestArch = "guest-arch"
        /// The guest boots with its whole memory: no `<currentMemory>` below `<memory>` and no
        /// free page reporting on its balloon.
        case guestFullMemory = "guest-full-memory"
        /// `key` of `file` is absent or one of `allowed`.
        case configKey = "config-key"
        /// Every out-of-tree module, loaded or installed for the running kernel, is shown to be
        /// signed (facts `modules`).
        case signedOutOfTreeModules = "signed-out-of-tree-modules"
        /// `swtpm` and `swtpm_setup` are installed (facts `software`).
        case swtpmInstalled = "swtpm-installed"
        /// The daemon of `file` (a libvirt daemon's config file) listens on the network as `key`
        /// (`listen_tls` or `listen_tcp`) names: the key is 1, or the daemon's socket unit for it
        /// (`<daemon>-tls.socket`, `<daemon>-tcp.socket`) is enabled.
        case libvirtListener = "libvirt-listener"

        /// Kinds that name a file and a key.
        public var namesKey: Bool { self == .configKey || self == .libvirtListener }

        /// Kinds that look at a domain, usable only by domain rules.
        public var needsDomain: Bool { self == .guestArchIsHost || self == .guestArch || self == .guestFullMemory }
    }

    /// What an unmet precondition means.
    public enum Unmet: String, CaseIterable, Hashable, Sendable, Codable {
        /// The fix is withheld: a noncompliant result becomes a finding; a compliant one stays.
        case noFix = "no-fix"
        /// The rule cannot hold without it: a finding, whatever the check says.
        case finding
        /// The rule does not apply (the setting does not exist for this guest).
        case notApplicable = "not-applicable"
    }

    public var kind: Kind
    public var unmet: Unmet
    /// `guest-arch`, `config-key`: the accepted values.
    public var allowed: [String]?
    /// `config-key`: the file and the key.
    public var file: ConfigFile?
    public var key: String?
    /// What to do when it does not hold; without it, the kind's own advice.
    public var advice: String?

    public init(kind: Kind, unmet: Unmet = .noFix, allowed: [String]? = nil, file: ConfigFile? = nil, key: String? = nil, advice: String? = nil) {
        self.kind = kind
        self.unmet = unmet
        self.allowed = allowed
        self.file = file
        self.key = key
        self.advice = advice
    }

    enum CodingKeys: String, CodingKey { case kind, unmet, allowed, file, key, advice }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .kind)
        guard let kind = Kind(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c,
                debugDescription: "unknown precondition kind '\(name)'; valid kinds: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.kind = kind
        unmet = try c.decodeIfPresent(Unmet.self, forKey: .unmet) ?? .noFix
        allowed = try c.decodeIfPresent([String].self, forKey: .allowed)
        file = try c.decodeIfPresent(ConfigFile.self, forKey: .file)
        key = try c.decodeIfPresent(String.self, forKey: .key)
        advice = try c.decodeIfPresent(String.self, forKey: .advice)
    }

    /// The YAML keys a precondition accepts.
    public static let keys: Set<String> = ["kind", "unmet", "allowed", "file", "key", "advice"]

    /// What is wrong with this precondition on `rule`, for the catalogue loader.
    public func problems(in rule: Rule) -> [String] {
        var out: [String] = []
        let named = "precondition '\(kind.rawValue)'"
        if kind.needsDomain && rule.target != .domain { out.append("\(named) looks at a domain; '\(rule.id)' is not a domain rule") }
        if kind.namesKey && rule.target != .hostFile { out.append("\(named) reads a host file; '\(rule.id)' is not a host-file rule") }
        let needsAllowed = kind == .guestArch || kind == .configKey
        if needsAllowed && (allowed ?? []).isEmpty { out.append("\(named) needs a non-empty 'allowed' list") }
        if !needsAllowed && allowed != nil { out.append("\(named) takes no 'allowed' list") }
        if kind.namesKey && (file == nil || (key ?? "").isEmpty) { out.append("\(named) needs 'file' and 'key'") }
        if !kind.namesKey && (file != nil || key != nil) { out.append("\(named) takes no 'file' or 'key'") }
        if kind == .libvirtListener {
            if let file, !file.isLibvirtDaemonConf { out.append("\(named) needs a libvirt daemon's file, not \(file.rawValue)") }
            if let key, LibvirtDaemon.listenerSocket(key) == nil {
                out.append("\(named) takes key listen_tls or listen_tcp, not '\(key)'")
            }
        }
        if unmet == .noFix && rule.fix == nil { out.append("\(named) withholds a fix, but '\(rule.id)' has none (use unmet: finding or not-applicable)") }
        if rule.target == .hostFact || rule.target == .manual { out.append("\(named): \(rule.target.rawValue) rules have no preconditions") }
        return out
    }
}
