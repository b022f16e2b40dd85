import Compiler
import Foundation
import XMLKit

/// Host rules: config files, host paths, systemd units, libvirt secrets, facts and manual steps.
extension PlanBuilder {
    /// Evaluates one selected host-file rule: its check, its preconditions, then the suggestion a
    /// finding carries when the rule has one.
    static func evaluateFile(
        _ selected: SelectedRule, files: [ConfigFile: ObservedFile], units: ObservedUnits = .none, _ factContext: FactContext
    ) throws -> Outcome {
        let rule = selected.rule
        let parameters = Self.parameters(of: selected, host: PreconditionContext.hostValues(factContext.facts))
        let checked = try ConfigCheckEvaluator(rule: rule, parameters: parameters).evaluate(rule.check, files: files, facts: factContext.facts)
        let gated = try PreconditionEvaluator.gate(checked, rule: rule, PreconditionContext(facts: factContext.facts, files: files, units: units))
        let outcome = Self.unparsable(gated, files[Self.kindOf(rule)])
        if let suggestion = rule.suggestion, case .finding(let message) = outcome, case .configValue(let c) = rule.check {
            return .finding(message + "; " + SuggestionCalculator.text(suggestion, key: c.key, factContext))
        }
        return outcome
    }

    mutating func evaluateHost(
        files: [ConfigFile: ObservedFile], paths: ObservedPaths = .none, units: ObservedUnits = .none,
        secrets: ObservedSecrets = .none, factContext: FactContext, hostScopeNote: String?
    ) throws {
        // Kernel command line rules edit the same two variables; each later rule (in id order,
        // the order changes are listed and applied) sees the value the earlier ones produce.
        var files = files
        if hostScopeNote == nil {
            unparsableFiles(files)
            for problem in paths.problems {
                findings.append(Finding(
                    address: .host, kind: .noncompliant, rule: PlannerRules.hostPathsReadable, severity: .medium, message: problem,
                    guidance: "Make the directory readable by the user hvharden runs as (root on a host), then plan again."))
            }
        }
        let serving = ServingDaemons.of(units)
        for selected in policy.rules.flatMap({ ServingDaemons.rules(for: $0, serving: serving) }) where selected.rule.target != .domain {
            let rule = selected.rule
            // Manual steps and the connection's secrets do not need the host's own files.
            if hostScopeNote != nil, rule.target != .manual, rule.target != .libvirtSecret { continue }
            let outcome: Outcome
            switch rule.target {
            case .hostPath:
                guard case .pathMetadata(let check) = rule.check else { throw PlanError.invalidRule(rule.id, "a host-path rule needs a path-metadata check") }
                for (path, outcome) in PathMetadataEvaluator(rule: rule, check: check).evaluate(paths) {
                    record(outcome, selected, address: { Address(ref: HostPathResource.ref(path), path: $0) }, domain: nil)
                }
                continue
            case .hostUnit:
                guard case .systemdSocket(let check) = rule.check else { throw PlanError.invalidRule(rule.id, "a host-unit rule needs a systemd-socket check") }
                for result in SystemdSocketEvaluator(rule: rule, check: check).evaluate(units) {
                    record(result.outcome, selected, address: { _ in result.address }, domain: nil)
                }
                continue
            case .libvirtSecret:
                for result in SecretPrivateEvaluator(rule: rule).evaluate(secrets) {
                    record(result.outcome, selected, address: { _ in result.address }, domain: nil)
                }
                continue
            case .hostFile:
                outcome = try Self.evaluateFile(selected, files: files, units: units, factContext)
            case .hostFact:
                guard case .evaluator(let e) = rule.check, let evaluator = EvaluatorRegistry.fact[e.name] else {
                    throw PlanError.invalidRule(rule.id, "a host-fact rule needs a known fact evaluator")
                }
                var context = factContext
                context.parameters = selected.parameters
                outcome = evaluator.evaluate(rule, context)
            case .manual:
                outcome = policy.attestation(for: rule.id, on: today) == nil
                    ? .finding("manual step not attested in the profile") : .compliant
            case .domain:
                continue
            }
            if outcome.isNoncompliant {
                record(outcome, selected, address: { path in
                    rule.target == .hostFile ? .file(Self.fileOf(rule), key: path) : .host
                }, domain: nil)
            }
            if case .kernelCmdline = rule.check, case .changes(let proposed) = outcome, selected.enforcement == .enforce,
               policy.waiver(for: rule.id, domain: nil, host: hostName, on: today) == nil {
                for p in proposed {
                    guard case .set(let key, let value)? = p.edit.as(FileEdit.self) else { continue }
                    var entry = files[.grub]?.entries[key] ?? ConfigEntry(key: key)
                    entry.present = true
                    entry.value = value
                    files[.grub]?.entries[key] = entry
                }
            }
        }
    }

    /// An outcome on a kind of file that has files its lens does not parse: no change can be
    /// written through the lens, so a change becomes a finding; and when hvharden could not read
    /// the values either, no verdict is possible, so a compliant outcome becomes one too.
    static func unparsable(_ outcome: Outcome, _ file: ObservedFile?) -> Outcome {
        guard let file, !file.unparsable.isEmpty else { return outcome }
        let why = file.unparsable.joined(separator: "; ")
        switch outcome {
        case .changes(let changes):
            return .finding(changes.map(\.problem).joined(separator: "; ") + "; hvharden cannot edit the file, its lens does not parse it: \(why)")
        case .compliant where !file.readWithoutLens:
            return .finding("cannot be judged: the lens does not parse \(why)")
        default:
            return outcome
        }
    }

    /// The kind of file a host-file rule reads.
    static func kindOf(_ rule: Rule) -> ConfigFile {
        switch rule.check {
        case .configValue(let c): return c.file
        case .configList(let c): return c.file
        default: return .grub
        }
    }

    /// One finding per kind of file with files its lens does not parse, naming each with its line.
    mutating func unparsableFiles(_ files: [ConfigFile: ObservedFile]) {
        for kind in files.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let file = files[kind], !file.unparsable.isEmpty else { continue }
            let read = file.readWithoutLens
                ? "hvharden read its keys with its own reader of libvirt's syntax and will not edit it"
                : "the rules that read it cannot be judged and nothing in it is changed"
            findings.append(Finding(
                address: .file(kind.writablePath), kind: .noncompliant, rule: PlannerRules.hostFileParses, severity: .medium,
                message: "\(file.unparsable.joined(separator: "; ")); \(read)",
                guidance: "Rewrite the line in a form the Augeas lens accepts (for qemu.conf, one value where the lens "
                    + "takes no list), or correct the syntax, then plan again."))
        }
    }

    private static func fileOf(_ rule: Rule) -> String {
        switch rule.check {
        case .configValue(let c): return c.file.writablePath
        case .configList(let c): return c.file.writablePath
        default: return ConfigFile.grub.writablePath
        }
    }

    /// What the readers noted about the config files (a key defined twice with different
    /// values, ...), by kind, each once.
    static func fileNotes(_ files: [ConfigFile: ObservedFile]) -> [String] {
        var seen: Set<String> = []
        return files.values.sorted { $0.kind.rawValue < $1.kind.rawValue }.flatMap(\.notes).filter { seen.insert($0).inserted }
    }
}
