/// Defence in depth for secrets: rules already print `(sensitive)` for values they mark, and this
/// replaces any secret seen in the observed XML (graphics passwords) wherever it might still
/// appear in a plan's text fields, so no renderer or saved plan can carry one.
///
/// With thousands of domains there are thousands of secrets and tens of thousands of texts, so
/// a text is scanned once against all secrets at a time (`SecretTrie`), never once per secret.
struct SecretScrubber {
    private let trie: SecretTrie

    init(secrets: Set<String>) {
        trie = SecretTrie(secrets)
    }

    func scrub(_ plan: Plan) -> Plan {
        var plan = plan
        scrub(&plan)
        return plan
    }

    /// Scrubs `plan` in place: a plan of thousands of domains is not copied to be scrubbed.
    func scrub(_ plan: inout Plan) {
        guard !trie.isEmpty else { return }
        for index in plan.changes.indices {
            plan.changes[index].before = plan.changes[index].before.map(scrub)
            plan.changes[index].after = plan.changes[index].after.map(scrub)
            plan.changes[index].edit = scrub(plan.changes[index].edit)
        }
        for index in plan.findings.indices {
            plan.findings[index].message = scrub(plan.findings[index].message)
        }
    }

    /// `text` with every secret in it replaced by `(sensitive)`; where secrets overlap, the one
    /// that starts first (the longest of those) is replaced.
    func scrub(_ text: String) -> String {
        trie.replacing(in: text, with: Redaction.sensitive)
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
