import Compiler

extension FactContext {
    /// An integer rule parameter; nil when the rule does not declare it or it is not a number.
    func integerParameter(_ name: String) -> Int? { parameters[name]?.intValue }

    /// A boolean rule parameter; nil when the rule does not declare it.
    func booleanParameter(_ name: String) -> Bool? {
        if case .bool(let value)? = parameters[name] { return value }
        return nil
    }

    /// A list rule parameter (a scalar counts as a one-element list).
    func listParameter(_ name: String) -> [String] { parameters[name]?.listText ?? [] }

    /// The finding a rule reports when a parameter it needs is missing: only a hand-built
    /// context can lack one, since the compiler resolves every declared default.
    static func missingParameter(_ name: String, _ type: String) -> Outcome {
        .finding("the rule has no \(type) parameter '\(name)', so the check cannot run")
    }
}
