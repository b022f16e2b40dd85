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
    public var posture: Posture
    public var facts: HostFacts
    /// The observed host config files; empty when they were not read (a remote connection).
    public var files: [ConfigFile: ObservedFile]

    public init(
        name: String, document: XMLDocument, parameters: [String: Value], posture: Posture, facts: HostFacts,
        files: [ConfigFile: ObservedFile] = [:]
    ) {
        self.name = name
        self.document = document
        self.parameters = parameters
        self.posture = posture
        self.facts = facts
        self.files = files
    }

    /// A parameter as a list of strings (a scalar becomes a one-element list).
    public func list(_ name: String) -> [String] { parameters[name]?.listText ?? [] }

    public func int(_ name: String) -> Int? { parameters[name]?.intValue }

    public func string(_ name: String) -> String? { parameters[name]?.scalarText }
}
