import XMLKit

/// Why a plan could not be made. Each case names the object at fault; the reasons of read
/// failures are the adapters' messages (libvirt's, Augeas's with file and line).
public enum PlanError: Error, CustomStringConvertible {
    case connection(uri: String, reason: String)
    case domain(name: String, reason: String)
    case malformedDomainXML(name: String, XMLError)
    /// One line per problem, each naming the file (and line, where known).
    case configFile([String])
    case invalidRule(String, String)
    case unknownDomain(String, uri: String)

    public var description: String {
        switch self {
        case .connection(let uri, let reason): return "cannot connect to '\(uri)': \(reason)"
        case .domain(let name, let reason): return "cannot read domain '\(name)': \(reason)"
        case .malformedDomainXML(let name, let e): return "domain '\(name)' has malformed XML: \(e)"
        case .configFile(let problems): return problems.joined(separator: "\n")
        case .invalidRule(let id, let why): return "rule '\(id)' is invalid: \(why)"
        case .unknownDomain(let name, let uri): return "domain '\(name)' not found on '\(uri)'"
        }
    }
}
