import Yams

/// `rules:`: selection (`enable`, `disable`) and parameter refinement (`values`).
extension ProfileReader {
    mutating func readRules(_ node: Node, into document: inout ProfileDocument) {
        guard let fields = fields(of: node, at: "rules", allowed: ProfileKeys.rules) else { return }
        var seen: [String: Located<Bool>] = [:]
        for (key, enabled) in [("enable", true), ("disable", false)] {
            guard let (_, value) = fields[key], let ids = stringList(value, at: "rules.\(key)") else { continue }
            for id in ids where knownRule(id, in: "rules.\(key)") {
                if let earlier = seen[id.value], earlier.value != enabled {
                    error("rule '\(id.value)' is both enabled and disabled in this profile (also at line \(earlier.location.line))",
                          at: id.location, rule: id.value)
                    continue
                }
                seen[id.value] = Located(enabled, at: id.location)
                document.selections.append(Located(.init(rule: id.value, enabled: enabled), at: id.location))
            }
        }
        if let (_, value) = fields["values"] {
            document.values = readValues(value)
        }
    }

    /// `rules.values`: `rule: value` for a rule with exactly one parameter, or
    /// `rule: {parameter: value, …}`.
    private mutating func readValues(_ node: Node) -> [String: [String: Located<Value>]] {
        guard let entries = node.isNull ? Node.Mapping([]) : node.mapping else {
            error("expected a mapping of rule ids to values for 'rules.values', found \(node.kindDescription)", at: node)
            return [:]
        }
        var values: [String: [String: Located<Value>]] = [:]
        for (key, value) in entries {
            guard let id = key.scalar?.string else {
                error("a key in 'rules.values' must be a rule id, found \(key.kindDescription)", at: key)
                continue
            }
            guard knownRule(Located(id, at: location(key)), in: "rules.values"), let rule = catalogue.rule(id) else { continue }
            if let mapping = value.mapping {
                for (parameterKey, parameterValue) in mapping {
                    guard let name = parameterKey.scalar?.string else {
                        error("a key in 'rules.values.\(id)' must be a parameter name, found \(parameterKey.kindDescription)", at: parameterKey)
                        continue
                    }
                    guard let parameter = rule.parameter(named: name) else {
                        let names = rule.parameters.map(\.name)
                        let known = names.isEmpty ? "it has no parameters" : "its parameters are \(names.quotedList)"
                        error("rule '\(id)' has no parameter '\(name.excerpt)'\(Spelling.didYouMean(name, in: names)); \(known)",
                              at: parameterKey, rule: id)
                        continue
                    }
                    if let typed = self.value(parameterValue, for: parameter, of: rule) {
                        values[id, default: [:]][name] = Located(typed, at: location(parameterKey))
                    }
                }
            } else {
                guard rule.parameters.count == 1, let parameter = rule.parameters.first else {
                    let problem = rule.parameters.isEmpty
                        ? "it has no parameters"
                        : "it has several (\(rule.parameters.map(\.name).quotedList)); write 'parameter: value' pairs"
                    error("rule '\(id)' takes no single value: \(problem)", at: value, rule: id)
                    continue
                }
                if let typed = self.value(value, for: parameter, of: rule) {
                    values[id, default: [:]][parameter.name] = Located(typed, at: location(key))
                }
            }
        }
        return values
    }

    /// A parameter value of the parameter's declared type. Types are strict (an unquoted `off`
    /// is a boolean in YAML, not the string a string parameter wants), and the message says so.
    /// String values must also pass the rule's `TextPolicy` (what the file they go to can hold).
    private mutating func value(_ node: Node, for parameter: Parameter, of ruleDefinition: Rule) -> Value? {
        let rule = ruleDefinition.id
        let what = "parameter '\(parameter.name)' of rule '\(rule)'"
        let value: Value?
        switch parameter.type {
        case .string:
            value = node.tagName == .str || node.tagName == .timestamp ? node.scalar.map { .string($0.string) } : nil
        case .int:
            value = node.tagName == .int ? node.int.map(Value.int) : nil
        case .bool:
            value = node.tagName == .bool ? node.bool.map(Value.bool) : nil
        case .list:
            let items = node.sequence?.map { $0.isNull ? nil : $0.scalar?.string }
            value = items.flatMap { $0.contains(nil) ? nil : .list($0.compactMap { $0 }) }
        }
        guard let value else {
            var hint = ""
            if parameter.type == .string, let scalar = node.scalar, !node.isNull { hint = " (quote it: '\(scalar.string.excerpt)')" }
            error("expected \(parameter.type.expectation) for \(what), found \(node.kindDescription)\(hint)", at: node, rule: rule)
            return nil
        }
        let policy = ruleDefinition.textPolicy(for: parameter)
        let texts: [(String, Node)] = switch value {
        case .string(let text): [(text, node)]
        case .list(let items): Array(zip(items, node.sequence ?? []))
        case .int, .bool: []
        }
        for (text, at) in texts {
            if let problem = policy.problem(in: text) {
                error("value '\(text.excerpt.diagnosticSafe)' for \(what) contains \(problem), which \(policy.destination) cannot hold",
                      at: at, rule: rule)
                return nil
            }
        }
        if case .string(let text) = value, let allowed = parameter.allowed, !allowed.contains(text) {
            error("invalid value '\(text.excerpt)' for \(what); valid values: \(allowed.quotedList)" + Spelling.didYouMean(text, in: allowed),
                  at: node, rule: rule)
            return nil
        }
        return value
    }
}

extension Parameter.Kind {
    /// "a string", "an integer" …, for type errors.
    fileprivate var expectation: String {
        switch self {
        case .string: return "a string"
        case .int: return "an integer"
        case .bool: return "true or false"
        case .list: return "a list of strings"
        }
    }
}
