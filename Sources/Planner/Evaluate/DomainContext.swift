import Compiler
import XMLKit
import HostModel

/// What a domain rule sees: the parsed definition, the rule's resolved parameters, the posture,
/// the host facts (for evaluators that relate guests to the host, such as passthrough), and the
/// host config keys that decide what the definition leaves to the host (qemu.conf's
/// `vnc_password` for a console without its own; `EvaluatorRegistry.domainConfigKeys`).
public struct DomainContext {
    public var name: String
    public var document: XMLDocument
    public var parameters: [String: Value]
    public var posture: Posture {
        _read { yield host.posture }
        set { host = Host(posture: newValue, facts: host.facts, files: host.files) }
    }
    public var facts: HostFacts {
        _read { yield host.facts }
        set { host = Host(posture: host.posture, facts: newValue, files: host.files) }
    }
    /// The observed host config files; empty when they were not read (a remote connection).
    public var files: [ConfigFile: ObservedFile] {
        _read { yield host.files }
        set { host = Host(posture: host.posture, facts: host.facts, files: newValue) }
    }

    /// What is the same for every domain of a plan, shared by the contexts instead of copied
    /// into each: a planner hands a context to every rule of every domain, and the host facts
    /// alone hold hundreds of strings. Never changed in place (a setter makes a new one).
    private final class Host: Sendable {
        let posture: Posture
        let facts: HostFacts
        let files: [ConfigFile: ObservedFile]

        init(posture: Posture, facts: HostFacts, files: [ConfigFile: ObservedFile]) {
            self.posture = posture
            self.facts = facts
            self.files = files
        }
    }

    private var host: Host

    public init(
        name: String, document: XMLDocument, parameters: [String: Value], posture: Posture, facts: HostFacts,
        files: [ConfigFile: ObservedFile] = [:]
    ) {
        self.name = name
        self.document = document
        self.parameters = parameters
        host = Host(posture: posture, facts: facts, files: files)
    }

    /// A parameter as a list of strings (a scalar becomes a one-element list).
    public func list(_ name: String) -> [String] { parameters[name]?.listText ?? [] }

    public func int(_ name: String) -> Int? { parameters[name]?.intValue }

    public func string(_ name: String) -> String? { parameters[name]?.scalarText }
}
