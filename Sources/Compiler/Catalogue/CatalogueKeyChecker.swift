import Yams

/// Rejects unknown keys in catalogue YAML, which `YAMLDecoder` would silently ignore.
struct CatalogueKeyChecker {
    let file: String

    static let ruleKeys: Set<String> = [
        "id", "title", "severity", "rationale", "references", "appliesWhen", "optIn", "target",
        "check", "fix", "preconditions", "suggestion", "effect", "guidance", "parameters", "sensitive", "examples",
    ]
    static let nested: [String: Set<String>] = [
        "references": ["function", "topic", "hySR", "ipd", "sp80053", "srg"],
        "appliesWhen": ["platform", "virtualization", "bootIntegrity", "passthrough"],
        "fix": ["action", "value", "instead"],
        "examples": ["compliant", "noncompliant"],
    ]
    static let parameterKeys: Set<String> = ["name", "type", "default", "description", "allowed"]
    static let exampleKeys: Set<String> = ["xml", "file", "facts", "paths", "tree", "links", "attested", "parameters", "posture", "note"]
    static let pathExampleKeys: Set<String> = ["mode", "owner", "group", "type"]

    func check(_ root: Node) -> [Diagnostic] {
        guard let list = root.sequence else {
            return [.error("a catalogue file must be a list of rules", at: location(root))]
        }
        var out: [Diagnostic] = []
        for ruleNode in list {
            guard let rule = ruleNode.mapping else {
                out.append(.error("a rule must be a mapping", at: location(ruleNode)))
                continue
            }
            let id = rule["id"]?.string
            out += unknownKeys(rule, allowed: Self.ruleKeys, rule: id)
            for (key, allowed) in Self.nested {
                if let sub = rule[key]?.mapping { out += unknownKeys(sub, allowed: allowed, rule: id) }
            }
            if let check = rule["check"]?.mapping, let kind = check["kind"]?.string,
               let allowed = Check.keysByKind[kind] {
                out += unknownKeys(check, allowed: allowed.union(["kind"]), rule: id)
            }
            for precondition in rule["preconditions"]?.sequence ?? [] {
                if let m = precondition.mapping { out += unknownKeys(m, allowed: Precondition.keys, rule: id) }
            }
            for parameter in rule["parameters"]?.sequence ?? [] {
                if let m = parameter.mapping { out += unknownKeys(m, allowed: Self.parameterKeys, rule: id) }
            }
            for kind in ["compliant", "noncompliant"] {
                for example in rule["examples"]?.mapping?[kind]?.sequence ?? [] {
                    guard let m = example.mapping else { continue }
                    out += unknownKeys(m, allowed: Self.exampleKeys, rule: id)
                    for (_, path) in m["paths"]?.mapping ?? [:] {
                        if let spec = path.mapping { out += unknownKeys(spec, allowed: Self.pathExampleKeys, rule: id) }
                    }
                }
            }
        }
        return out
    }

    private func unknownKeys(_ mapping: Node.Mapping, allowed: Set<String>, rule: String?) -> [Diagnostic] {
        mapping.compactMap { key, _ in
            guard let name = key.string, !allowed.contains(name) else { return nil }
            return .error("unknown key '\(name)'", at: location(key), rule: rule)
        }
    }

    private func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// A one-line account of a decoding error: the coding path and what was wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing key '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context))"
        @unknown default: return "\(error)"
        }
    }
}
