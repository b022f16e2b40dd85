import Compiler
import XMLKit
import HostModel

/// What a domain rule sees: the parsed definition, the rule's resolved parameters, the posture,
/// and the host facts (for evaluators that relate guests to the host, such as passthrough).
public struct DomainContext {
    public var name: String
    public var document: XMLDocument
    public var parameters: [String: Value]
    public var posture: Posture
    public var facts: HostFacts

    public init(name: String, document: XMLDocument, parameters: [String: Value], posture: Posture, facts: HostFacts) {
        self.name = name
        self.document = document
        self.parameters = parameters
        self.posture = posture
        self.facts = facts
    }

    /// A parameter as a list of strings (a scalar becomes a one-element list).
    public func list(_ name: String) -> [String] { parameters[name]?.listText ?? [] }

    public func int(_ name: String) -> Int? { parameters[name]?.intValue }

    public func string(_ name: String) -> String? { parameters[name]?.scalarText }
}
