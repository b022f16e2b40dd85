import Compiler

/// Why a baseline could not be made. Each case names the file, host or profile at fault.
public enum BaselineError: Error, CustomStringConvertible {
    case noHosts
    case unreadableFactsFile(String, String)
    case notFacts(String, String)
    case invalidHostName(String, origin: String)
    case duplicateHost(String, first: String, second: String)
    case connection(String, String)
    case domain(String, uri: String, String)
    case malformedDomainXML(host: String, domain: String, String)
    case invalidWaiverDays(Int)
    case invalidProfileName(String)
    /// The profile named with `--extends` (or one it extends) has errors.
    case parent(String, DiagnosticsError)
    /// Several hosts need waivers but there is no `--out-dir` to give each its own profile.
    case waiversNeedOutDir([String])
    case fileClash(String, host: String)
    /// A generated profile did not compile: a bug in hvharden, reported rather than written.
    case generatedProfileInvalid(String, DiagnosticsError)

    public var description: String {
        switch self {
        case .noHosts:
            return "no hosts: give facts files (written by 'hvharden facts --format json') or --from-host"
        case .unreadableFactsFile(let path, let why):
            return "cannot read facts file '\(path)': \(why)"
        case .notFacts(let path, let why):
            return "'\(path)' is not a facts file written by 'hvharden facts --format json': \(why)"
        case .invalidHostName(let name, let origin):
            return "host name '\(name)' from \(origin) cannot name a profile file: use letters, digits, '.', '_' and '-', "
                + "not starting with '.' or '-' (rename the facts file, or set 'hostname' in it)"
        case .duplicateHost(let name, let first, let second):
            return "two hosts are named '\(name)' (\(first) and \(second)); each host needs its own name"
        case .connection(let uri, let why):
            return "cannot read the domains at '\(uri)': \(why)"
        case .domain(let name, let uri, let why):
            return "cannot read domain '\(name)' at '\(uri)': \(why)"
        case .malformedDomainXML(let host, let domain, let why):
            return "domain '\(domain)' of host '\(host)' has malformed XML: \(why)"
        case .invalidWaiverDays(let days):
            return "--waiver-days must be between 1 and 3650, found \(days)"
        case .invalidProfileName(let name):
            return "profile name '\(name)' cannot name a profile file: use letters, digits, '.', '_' and '-'"
        case .parent(let name, let error):
            return "parent profile '\(name)' does not compile:\n\(error)"
        case .waiversNeedOutDir(let hosts):
            let names = hosts.map { "'\($0)'" }.joined(separator: ", ")
            return "hosts \(names) need waivers, and a waiver in a shared profile would excuse every host; "
                + "pass --out-dir DIR to write one profile per host (HOST.yaml, extending the shared baseline)"
        case .fileClash(let path, let host):
            return "the profile of host '\(host)' would overwrite '\(path)'; choose another --name or --out"
        case .generatedProfileInvalid(let name, let error):
            return "internal error: the generated profile '\(name)' does not compile (please report this):\n\(error)"
        }
    }
}
