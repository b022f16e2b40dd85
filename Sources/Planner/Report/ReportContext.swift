import Compiler

/// What the SARIF and JUnit renderers need besides the plan, when the caller has only the plan.
public enum ReportContext {
    /// The machine a plan describes: the host named in a remote URI, else `localName` (the
    /// machine that made the plan, since a local URI and root describe it).
    public static func hostName(connectURI: String, localName: String) -> String {
        HostScope.remoteHost(connectURI) ?? localName
    }

    /// The policy rebuilt from the plan's snapshot and this version's catalogue. It has no
    /// profile lines (`selectedBy` is nil), so SARIF results point at the profile's first line.
    public static func policy(of plan: Plan) throws -> Policy {
        switch plan.policy.policy(catalogue: .shipped, sources: plan.profiles, digest: plan.profileDigest) {
        case .success(let policy): return policy
        case .failure(let unknown): throw ReportError.unknownRule(unknown.id)
        }
    }
}

/// Why a report could not be made from a plan.
public enum ReportError: Error, CustomStringConvertible {
    case unknownRule(String)

    public var description: String {
        switch self {
        case .unknownRule(let id): return "the plan names rule '\(id)', which this hvharden does not have"
        }
    }
}
