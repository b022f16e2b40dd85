import Compiler
import HostModel

/// Evaluates the host-file check kinds (`config-value`, `config-list`, `kernel-cmdline`) on the
/// observed entries. An absent key means the daemon's documented default, never "missing".
struct ConfigCheckEvaluator {
    let rule: Rule
    let parameters: [String: Value]

    func evaluate(_ check: Check, files: [ConfigFile: ObservedFile], facts: HostFacts) throws -> Outcome {
        switch check {
        case .configValue(let c):
            if let vendor = c.cpuVendor, let host = facts.cpu.vendor.flatMap(KernelCmdlineEvaluator.vendorName), host != vendor {
                return .notApplicable("the host CPU is \(host), not \(vendor)")
            }
            return try value(c, files[c.file] ?? ObservedFile(kind: c.file, fingerprints: [:], entries: [:]))
        case .configList(let c): return try list(c, files[c.file] ?? ObservedFile(kind: c.file, fingerprints: [:], entries: [:]))
        case .kernelCmdline(let c): return try KernelCmdlineEvaluator(rule: rule).evaluate(c, files[.grub], facts: facts)
        default: return .notApplicable("check kind '\(check.kind)' is not a host-file check")
        }
    }

    private func value(_ c: ConfigValueCheck, _ file: ObservedFile) throws -> Outcome {
        let entry = file.entry(c.key)
        let effective = entry.present ? entry.value : c.default
        let allowed = c.allowed?.resolve(parameters)?.listText
        let forbidden = c.forbidden?.resolve(parameters)?.listText ?? []
        let min = c.min?.resolve(parameters)?.intValue
        let max = c.max?.resolve(parameters)?.intValue
        var problems: [String] = []
        if let effective {
            if let allowed, !allowed.contains(effective) { problems.append("expected one of \(quoted(allowed, key: c.key))") }
            if forbidden.contains(effective) { problems.append("must not be \(quoted([effective], key: c.key))") }
            if min != nil || max != nil {
                if let n = Int(effective) {
                    if let min, n < min { problems.append("must be at least \(min)") }
                    if let max, n > max { problems.append("must be at most \(max)") }
                } else {
                    problems.append("must be an integer" + (max.map { " at most \($0)" } ?? ""))
                }
            }
        } else if allowed != nil || min != nil || max != nil {
            problems.append("is unset and has no safe default")
        }
        if problems.isEmpty { return .compliant }

        let where_ = entry.definedIn.map { path in entry.line.map { "\(path):\($0)" } ?? path }
        let shown = entry.present ? "'\(display(entry.value ?? "", key: c.key))'" + (where_.map { " (\($0))" } ?? "")
            : effective.map { "unset (default '\($0)')" } ?? "unset"
        let problem = "\(c.key) is \(shown); \(problems.joined(separator: "; "))"
        guard let fix = rule.fix, fix.action == .set, let newValue = fix.value?.resolve(parameters)?.scalarText else {
            return .finding(problem)
        }
        let target = targetFile(entry, c.file)
        return .changes([ProposedChange(
            path: c.key, file: target, action: entry.present ? .update : .add,
            before: entry.present ? display(entry.value ?? "", key: c.key) : Redaction.absent + (c.default.map { " (default '\($0)')" } ?? ""),
            after: display(newValue, key: c.key), edit: FileEdit.set(key: c.key, value: newValue), problem: problem)])
    }

    private func list(_ c: ConfigListCheck, _ file: ObservedFile) throws -> Outcome {
        let entry = file.entry(c.key)
        let items = entry.present ? (entry.items ?? []) : c.default
        var problems: [String] = []
        if let subset = c.subsetOf?.resolve(parameters)?.listText {
            let extra = items.filter { !subset.contains($0) }
            if !extra.isEmpty { problems.append("holds \(quoted(extra, key: c.key)) beyond the allowed set") }
        }
        if let required = c.contains?.resolve(parameters)?.listText {
            let missing = required.filter { !items.contains($0) }
            if !missing.isEmpty { problems.append("lacks \(quoted(missing, key: c.key))") }
        }
        if problems.isEmpty { return .compliant }
        let shown = entry.present ? "[\(items.joined(separator: ", "))]" : "unset (default [\(c.default.joined(separator: ", "))])"
        let problem = "\(c.key) is \(shown); it \(problems.joined(separator: " and "))"
        guard let fix = rule.fix, fix.action == .set, let newItems = fix.value?.resolve(parameters)?.listText else {
            return .finding(problem)
        }
        let target = targetFile(entry, c.file)
        return .changes([ProposedChange(
            path: c.key, file: target, action: entry.present ? .update : .add,
            before: entry.present ? "[\(items.joined(separator: ", "))]" : Redaction.absent,
            after: "[\(newItems.joined(separator: ", "))]",
            edit: FileEdit.setList(key: c.key, items: newItems), problem: problem)])
    }

    /// Edit the file whose definition is effective (so a later file cannot override the fix);
    /// otherwise the file hvharden owns for this kind.
    private func targetFile(_ entry: ConfigEntry, _ kind: ConfigFile) -> String {
        entry.definedIn ?? kind.writablePath
    }

    /// The value as a plan may show it: `(sensitive)` at a secret position.
    private func display(_ value: String, key: String) -> String {
        SecretPosition.isSecret(configKey: key, rule: rule) ? Redaction.sensitive : value
    }

    private func quoted(_ values: [String], key: String) -> String {
        values.map { "'\(display($0, key: key))'" }.joined(separator: ", ")
    }
}
