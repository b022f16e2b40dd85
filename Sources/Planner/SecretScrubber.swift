/// Defence in depth for secrets: rules already print `(sensitive)` for values they mark, and this
/// replaces any secret seen in the observed XML (graphics passwords) wherever it might still
/// appear in a plan's text fields, so no renderer or saved plan can carry one.
struct SecretScrubber {
    let secrets: Set<String>

    func scrub(_ plan: Plan) -> Plan {
        guard !secrets.isEmpty else { return plan }
        var plan = plan
        plan.changes = plan.changes.map { c in
            var c = c
            c.before = c.before.map(scrub)
            c.after = c.after.map(scrub)
            c.edit = scrub(c.edit)
            return c
        }
        plan.findings = plan.findings.map { f in
            var f = f
            f.message = scrub(f.message)
            return f
        }
        return plan
    }

    func scrub(_ text: String) -> String {
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: Redaction.sensitive)
        }
        return text
    }

    private func scrub(_ edit: Edit) -> Edit {
        switch edit {
        case .xmlSetAttribute(let p, let a, let v): return .xmlSetAttribute(path: p, attribute: a, value: scrub(v))
        case .xmlSetText(let p, let v): return .xmlSetText(path: p, value: scrub(v))
        case .configSet(let f, let k, let v): return .configSet(file: f, key: k, value: scrub(v))
        default: return edit
        }
    }
}

import Foundation

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
