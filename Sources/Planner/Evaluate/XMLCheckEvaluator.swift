import Compiler
import XMLKit

/// Evaluates the domain-XML check kinds (`xml-value`, `xml-present`, `xml-absent`, `xml-count`,
/// `xml-every`) on a parsed definition, and proposes the rule's fix as minimal edits.
struct XMLCheckEvaluator {
    let rule: Rule
    let parameters: [String: Value]

    func evaluate(_ check: Check, _ document: XMLDocument) throws -> Outcome {
        switch check {
        case .xmlValue(let c): return try value(c, document)
        case .xmlPresent(let c): return try present(c, document)
        case .xmlAbsent(let c): return try absent(c, document)
        case .xmlCount(let c): return try count(c, document)
        case .xmlEvery(let c): return try every(c, document)
        default: return .notApplicable("check kind '\(check.kind)' is not a domain-XML check")
        }
    }

    private func value(_ c: XMLValueCheck, _ document: XMLDocument) throws -> Outcome {
        guard let path = CreatablePath.cached(c.path) else { throw PlanError.invalidRule(rule.id, "path '\(c.path)' is not a creatable path") }
        let element = try path.find(in: document)
        var raw: String?
        if let element {
            raw = c.attribute.map { element.attribute($0) } ?? element.text.trimmingWhitespace.nilIfEmpty
        } else {
            switch c.missing {
            case .compliant: return .compliant
            case .notApplicable: return .notApplicable("\(c.path) is absent")
            case .noncompliant, nil: break
            }
        }
        let effective = raw ?? (element != nil || c.missing == nil ? c.default : nil)
        let allowed = c.allowed?.resolve(parameters)?.listText
        let forbidden = c.forbidden?.resolve(parameters)?.listText ?? []
        let ok: Bool
        if let effective {
            ok = (allowed?.contains(effective) ?? true) && !forbidden.contains(effective)
        } else {
            ok = allowed == nil
        }
        if ok { return .compliant }

        let display = c.attribute.map { "\(c.path)/@\($0)" } ?? c.path
        let secret = SecretPosition.isSecret(attribute: c.attribute, rule: rule)
        let shown = effective.map { secret ? Redaction.sensitive : raw == nil ? "(absent, default '\($0)')" : "'\($0)'" } ?? "(absent)"
        let wanted = allowed.map { "one of " + $0.map { "'\($0)'" }.joined(separator: ", ") } ?? "not " + forbidden.map { "'\($0)'" }.joined(separator: ", ")
        let problem = "\(display) is \(shown); expected \(wanted)"
        guard let fix = rule.fix, fix.action == .set, let base = fix.value?.resolve(parameters)?.scalarText else {
            return .finding(problem)
        }
        let newValue = raw.flatMap { fix.instead?[$0] } ?? base
        let edit = c.attribute.map { DomainEdit.setAttribute(path: c.path, attribute: $0, value: newValue) }
            ?? DomainEdit.setText(path: c.path, value: newValue)
        return .changes([ProposedChange(
            path: display, action: raw == nil ? .add : .update,
            before: raw.map { secret ? Redaction.sensitive : $0 } ?? Redaction.absent,
            after: secret ? Redaction.sensitive : newValue, edit: edit, problem: problem)])
    }

    private func present(_ c: XMLPresentCheck, _ document: XMLDocument) throws -> Outcome {
        guard let path = CreatablePath.cached(c.path) else { throw PlanError.invalidRule(rule.id, "path '\(c.path)' is not a creatable path") }
        if try path.find(in: document) != nil { return .compliant }
        if let unless = c.unless, let first = try document.select(unless).first {
            return .notApplicable("\(first.path) matches \(unless), so \(c.path) is not needed")
        }
        let problem = "\(c.path) is missing"
        guard rule.fix?.action == .create else { return .finding(problem) }
        return .changes([ProposedChange(
            path: c.path, action: .add, before: Redaction.absent, after: "present",
            edit: DomainEdit.create(path: c.path), problem: problem)])
    }

    private func absent(_ c: XMLAbsentCheck, _ document: XMLDocument) throws -> Outcome {
        let found = try document.select(c.select)
        if found.isEmpty { return .compliant }
        let paths = found.map(\.path)
        let problem = "found \(paths.joined(separator: ", "))"
        guard rule.fix?.action == .remove else { return .finding(problem) }
        return .changes([ProposedChange(
            path: paths.count == 1 ? paths[0] : c.select, action: .remove,
            before: paths.count == 1 ? "present" : "\(paths.count) elements", after: Redaction.absent,
            edit: DomainEdit.remove(select: c.select), problem: problem)])
    }

    private func count(_ c: XMLCountCheck, _ document: XMLDocument) throws -> Outcome {
        guard let max = c.max.resolve(parameters)?.intValue else {
            throw PlanError.invalidRule(rule.id, "xml-count max is not an integer")
        }
        let n = try document.select(c.select).count
        return n <= max ? .compliant : .finding("\(n) elements match \(c.select); at most \(max) allowed")
    }

    private func every(_ c: XMLEveryCheck, _ document: XMLDocument) throws -> Outcome {
        let nodes = try document.select(c.select)
        if nodes.isEmpty { return .notApplicable("nothing matches \(c.select)") }
        var failing: [String] = []
        if Self.usesContextPosition(c.require) {
            // The context position differs between a predicate and a lone evaluation: ask per node.
            for node in nodes {
                if case .boolean(let ok) = try document.evaluate("boolean(\(c.require))", relativeTo: node), ok { continue }
                failing.append(node.path)
            }
        } else {
            // One query over the selected nodes instead of one per node: in a predicate the
            // context node is each of them, as in `boolean(require)` evaluated relative to it.
            failing = try document.filter(nodes, where: "not(\(c.require))").map(\.path)
        }
        if failing.isEmpty { return .compliant }
        return .finding("\(failing.count) of \(nodes.count) lack \(c.describe): \(failing.joined(separator: ", "))")
    }
}

extension XMLCheckEvaluator {
    /// Whether an expression may read the context position or size (`position()`, `last()`),
    /// which a predicate sets and a lone evaluation does not. Any mention of the names counts
    /// (XPath allows a space before the parenthesis); a false alarm only costs speed.
    static func usesContextPosition(_ expression: String) -> Bool {
        var expression = expression
        return expression.withUTF8 { bytes in
            // A plain scan of the bytes for each word, allocating nothing: it runs for every
            // domain and rule, and the generic `firstRange(of:)` cost more than the query.
            func mentions(_ word: StaticString) -> Bool {
                word.withUTF8Buffer { word in
                    bytes.count >= word.count && (0...(bytes.count - word.count)).contains { start in
                        word.indices.allSatisfy { bytes[start + $0] == word[$0] }
                    }
                }
            }
            return mentions("position") || mentions("last")
        }
    }
}

enum Redaction {
    static let sensitive = "(sensitive)"
    static let absent = "(absent)"
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    var nilIfEmpty: String? { isEmpty ? nil : self }
}
