import Compiler

extension DomainContext {
    /// A parameter's value, falling back to the rule's declared default when the caller did
    /// not resolve it (the Planner always does; direct callers such as tests may not).
    func value(_ name: String, of rule: Rule) -> Value? {
        parameters[name] ?? rule.parameter(named: name)?.default
    }
}
