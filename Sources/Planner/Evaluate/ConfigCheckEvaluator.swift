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
            return try value(c, files[c.file] ?? ObservedFile(kind: c.file, fingerprints: [:], entries: [:]), facts: facts)
        case .configList(let c): return try list(c, files[c.file] ?? ObservedFile(kind: c.file, fingerprints: [:], entries: [:]))
        case .kernelCmdline(let c): return try KernelCmdlineEvaluator(rule: rule).evaluate(c, files[.grub], facts: facts)
        default: return .notApplicable("check kind '\(check.kind)' is not a host-file check")
        }
    }

    private func value(_ c: ConfigValueCheck, _ file: ObservedFile, facts: HostFacts) throws -> Outcome {
        var entry = file.entry(c.key)
        let token = c.file == .modprobe ? commandLine(&entry, facts) : nil
        // An absent key takes the value of the key it inherits from, when that one is set.
        let inherited = entry.present ? nil : c.inherit.map { file.entry($0) }.flatMap { $0.present ? $0 : nil }
        let effective = entry.present ? entry.value : inherited?.value ?? c.default
        let allowed = c.allowed?.resolve(parameters)?.listText
        let forbidden = c.forbidden?.resolve(parameters)?.listText ?? []
        let min = c.min?.resolve(parameters)?.intValue
        let max = c.max?.resolve(parameters)?.intValue
        var problems: [String] = []
        // A list where the key takes one value or a list (qemu.conf's security_driver: the
        // drivers stacked, each of them applied): every item must pass.
        if entry.present, entry.value == nil, let items = entry.items {
            let notAllowed = allowed.map { allowed in items.filter { !allowed.contains($0) } } ?? []
            if items.isEmpty, allowed != nil { problems.append("is an empty list") }
            if !notAllowed.isEmpty { problems.append("holds \(quoted(notAllowed, key: c.key)); expected only \(quoted(allowed ?? [], key: c.key))") }
            let bad = items.filter(forbidden.contains)
            if !bad.isEmpty { problems.append("must not hold \(quoted(bad, key: c.key))") }
        } else if let effective, c.anyItem == true {
            let items = effective.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if let allowed, !items.contains(where: allowed.contains) {
                problems.append("expected one of \(quoted(allowed, key: c.key)) among its items")
            }
            let bad = items.filter(forbidden.contains)
            if !bad.isEmpty { problems.append("must not hold \(quoted(bad, key: c.key))") }
        } else if let effective {
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
        } else if allowed != nil || min != nil || max != nil || c.required == true {
            problems.append("is unset and has no safe default")
        }
        if let uncertain = entry.uncertain { problems.append("hvharden cannot tell what is used: \(uncertain)") }
        let live = LiveConfigValue.of(c, facts)
        let liveComplies = live.map { LiveConfigValue.complies($0, allowed: allowed, forbidden: forbidden, min: min, max: max) }
        // hvharden never reloads a module or runs `sysctl --system`: a file reaches the kernel later.
        let applies = c.file == .sysctl ? "at the next boot (or `sysctl --system` now)"
            : "when the module is next loaded (the next boot, or a reload with no guest running; hvharden does not reload modules)"
        if problems.isEmpty {
            // Configured right; the running kernel may not have it yet. Nothing to change.
            guard let live, liveComplies == false else { return .compliant }
            return .finding("\(c.key) is configured \(shown(entry, default: c.default)), but the running kernel has "
                + "'\(display(live, key: c.key))': configured, effective \(applies); nothing to change in the files")
        }
        if let live, let liveComplies {
            problems.append(liveComplies
                ? "the running kernel has '\(display(live, key: c.key))', which complies only until the next boot or module load"
                : "the running kernel has '\(display(live, key: c.key))' as well; a change to the files takes effect \(applies)")
        }

        let from = inherited.map { "unset, so \($0.key) '\(display($0.value ?? "", key: $0.key))' applies" + ($0.location.map { " (\($0))" } ?? "") }
        let problem = "\(c.key) is \(from ?? shown(entry, default: c.default)); \(problems.joined(separator: "; "))"
        guard let fix = rule.fix, fix.action == .set, let newValue = fix.value?.resolve(parameters)?.scalarText else {
            return .finding(problem)
        }
        switch ConfigFixTarget.choose(entry, c.file, commandLineToken: token) {
        case .blocked(let why):
            return .finding("\(problem); \(why)")
        case .file(let target):
            return .changes([ProposedChange(
                path: c.key, file: target, action: entry.present ? .update : .add,
                before: entry.present ? display(entry.value ?? "", key: c.key) + (entry.uncertain == nil ? "" : " and a comment")
                    : Redaction.absent + (c.default.map { " (default '\($0)')" } ?? ""),
                after: display(newValue, key: c.key), edit: FileEdit.set(key: c.key, value: newValue), problem: problem)])
        }
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
        if c.nonEmpty == true, items.isEmpty { problems.append("names no one, so it admits everyone") }
        if problems.isEmpty { return .compliant }
        let shown = entry.present ? "[\(items.joined(separator: ", "))]" : "unset (default [\(c.default.joined(separator: ", "))])"
        let problem = "\(c.key) is \(shown); it \(problems.joined(separator: " and "))"
        guard let fix = rule.fix, fix.action == .set, let newItems = fix.value?.resolve(parameters)?.listText else {
            return .finding(problem)
        }
        switch ConfigFixTarget.choose(entry, c.file) {
        case .blocked(let why):
            return .finding("\(problem); \(why)")
        case .file(let target):
            return .changes([ProposedChange(
                path: c.key, file: target, action: entry.present ? .update : .add,
                before: entry.present ? "[\(items.joined(separator: ", "))]" : Redaction.absent,
                after: "[\(newItems.joined(separator: ", "))]",
                edit: FileEdit.setList(key: c.key, items: newItems), problem: problem)])
        }
    }

    /// A module parameter given on the running kernel's command line: modprobe appends it after
    /// every modprobe.d option (and the kernel reads it itself for a built-in module), so it is
    /// what the module gets. Replaces `entry` and returns the token as written.
    private func commandLine(_ entry: inout ConfigEntry, _ facts: HostFacts) -> String? {
        guard let cmdline = facts.boot.kernelCmdline, let (module, parameter) = ModprobeName.key(entry.key),
              let (token, value) = ModprobeName.commandLine(cmdline, module: module, parameter: parameter) else { return nil }
        entry = ConfigEntry(
            key: entry.key, present: true, value: ModprobeName.unquote(value), definedIn: ConfigFixTarget.commandLine,
            editable: false, ownFileWins: false)
        return token
    }

    /// How the problem text shows an entry: its value and where it is set, or its default.
    private func shown(_ entry: ConfigEntry, default: String?) -> String {
        let at = entry.location.map { location in " (\(location)" + (entry.pattern.map { ", pattern \($0)" } ?? "") + ")" } ?? ""
        if entry.present, entry.value == nil, let items = entry.items {
            return "[" + items.map { "'\(display($0, key: entry.key))'" }.joined(separator: ", ") + "]" + at
        }
        if entry.present { return "'\(display(entry.value ?? "", key: entry.key))'" + at }
        let fallback = `default`.map { "(default '\($0)')" } ?? ""
        guard entry.definedIn != nil else { return ["unset", fallback].filter { !$0.isEmpty }.joined(separator: " ") }
        return "unset by a line without a value\(at)" + (fallback.isEmpty ? "" : " " + fallback)
    }

    /// The value as a plan may show it: `(sensitive)` at a secret position.
    private func display(_ value: String, key: String) -> String {
        SecretPosition.isSecret(configKey: key, rule: rule) ? Redaction.sensitive : value
    }

    private func quoted(_ values: [String], key: String) -> String {
        values.map { "'\(display($0, key: key))'" }.joined(separator: ", ")
    }
}
