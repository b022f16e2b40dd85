import Host

/// Why a plan could not be made. Each case names the object at fault.
public enum PlanError: Error, CustomStringConvertible {
    case connection(uri: String, LibvirtError)
    case domain(name: String, LibvirtError)
    case malformedDomainXML(name: String, XMLError)
    case configFile(AugeasError)
    case invalidRule(String, String)
    case unknownDomain(String, uri: String)

    public var description: String {
        switch self {
        case .connection(let uri, let e): return "cannot connect to '\(uri)': \(e.message)"
        case .domain(let name, let e): return "cannot read domain '\(name)': \(e.message)"
        case .malformedDomainXML(let name, let e): return "domain '\(name)' has malformed XML: \(e)"
        case .configFile(let e):
            if e.fileErrors.isEmpty { return "augeas: \(e)" }
            return e.fileErrors.map { "\($0)" }.joined(separator: "\n")
        case .invalidRule(let id, let why): return "rule '\(id)' is invalid: \(why)"
        case .unknownDomain(let name, let uri): return "domain '\(name)' not found on '\(uri)'"
        }
    }
}
