/// Rule ids the Planner reports itself, outside the catalogue.
public enum PlannerRules {
    /// A domain of another hypervisor driver: hvharden neither evaluates nor edits it.
    public static let domainDriverInScope = "domain-driver-in-scope"
}
