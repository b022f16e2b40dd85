/// Rule ids the Planner reports itself, outside the catalogue.
public enum PlannerRules {
    /// A domain of another hypervisor driver: hvharden neither evaluates nor edits it.
    public static let domainDriverInScope = "domain-driver-in-scope"
    /// A host file its lens does not parse: hvharden cannot edit it and may not read it.
    public static let hostFileParses = "host-file-parses"
    /// A directory a host-path rule needs could not be read: the paths below it are not judged.
    public static let hostPathsReadable = "host-paths-readable"
}
