import Compiler

/// The config keys a policy reads, per file kind: "observe only what the policy needs".
public struct ConfigQuery: Hashable, Sendable {
    public var keys: [ConfigFile: Set<String>]

    public init(keys: [ConfigFile: Set<String>] = [:]) { self.keys = keys }

    public init(policy: Policy) {
        self.init(rules: policy.rules.map(\.rule))
    }

    public init(rules: [Rule]) {
        var keys: [ConfigFile: Set<String>] = [:]
        for rule in rules {
            if rule.target == .domain, case .evaluator(let e) = rule.check {
                for (file, read) in EvaluatorRegistry.domainConfigKeys[e.name] ?? [:] { keys[file, default: []].formUnion(read) }
            }
            guard rule.target == .hostFile else { continue }
            switch rule.check {
            case .configValue(let c):
                keys[c.file, default: []].insert(c.key)
                if let inherit = c.inherit { keys[c.file, default: []].insert(inherit) }
            case .configList(let c): keys[c.file, default: []].insert(c.key)
            case .kernelCmdline: keys[.grub, default: []].formUnion(KernelCmdlineEvaluator.keys)
            default: break
            }
            for p in rule.preconditions where p.kind.namesKey {
                if let file = p.file, let key = p.key { keys[file, default: []].insert(key) }
            }
        }
        // A libvirtd.conf rule is judged on the file of each daemon that serves (the modular
        // daemons' too); which serve is known only with the units, so every one that has the key is read.
        for key in keys[.libvirtdConf] ?? [] {
            for daemon in LibvirtDaemon.allCases where daemon.configFile != .libvirtdConf && daemon.reads(key) {
                keys[daemon.configFile, default: []].insert(key)
            }
        }
        self.keys = keys
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// The kinds of file that domain rules of `rules` read (`EvaluatorRegistry.domainConfigKeys`):
    /// domains cannot be evaluated before those are read, the others are needed only by the host
    /// rules, at the end.
    public static func domainKinds(_ rules: [Rule]) -> Set<ConfigFile> {
        var kinds: Set<ConfigFile> = []
        for rule in rules where rule.target == .domain {
            if case .evaluator(let e) = rule.check { kinds.formUnion((EvaluatorRegistry.domainConfigKeys[e.name] ?? [:]).keys) }
        }
        return kinds
    }

    /// This query's keys in files of `kinds` (every key of such a kind, the host rules' too: a
    /// kind is read once), and the rest.
    public func split(_ kinds: Set<ConfigFile>) -> (of: ConfigQuery, rest: ConfigQuery) {
        (ConfigQuery(keys: keys.filter { kinds.contains($0.key) }), ConfigQuery(keys: keys.filter { !kinds.contains($0.key) }))
    }
}
