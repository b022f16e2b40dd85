import Compiler
import HostModel
import XMLKit

/// What every precondition is evaluated over: the host facts, the domain document (domain rules)
/// and the observed config files (host-file rules).
struct PreconditionContext {
    var facts: HostFacts
    var document: XMLDocument?
    var files: [ConfigFile: ObservedFile]
    var units: ObservedUnits

    init(facts: HostFacts, document: XMLDocument? = nil, files: [ConfigFile: ObservedFile] = [:], units: ObservedUnits = .none) {
        self.facts = facts
        self.document = document
        self.files = files
        self.units = units
    }

    /// The values a rule may name as `$host.…`, derived from the facts; a value the host does not
    /// show is left out, so a fix naming it has no value and becomes a finding.
    static func hostValues(_ facts: HostFacts) -> [String: Value] {
        var values: [String: Value] = [:]
        if let mac = facts.mac.enforcing { values[HostValue.mac.rawValue] = .string(mac) }
        return values
    }
}
