import Compiler
import Foundation
import HostModel

/// Planner: turns a `Policy` and what a `StateReader` reads into a `Plan`.
///
/// Evaluation is a pure function of values: each selected domain's persistent XML is parsed once
/// and every domain rule is evaluated on it; host-file rules read the observed config entries;
/// fact rules read the host facts. Noncompliant results become changes (the rule's minimal fix),
/// findings (no fix, advisory rule, host evidence, manual step) or waived items. A running domain
/// whose persistent definition complies but whose live one does not is "pending restart".
///
/// There is one entry point. The facts and the config files are read on threads of their own
/// while the reader lists and fetches the domains; each domain is evaluated, on one thread per
/// core, as soon as it arrives, and its XML is freed when it is done. Its items are merged as it
/// finishes and put in name order at the end, so the plan is the same whatever the scheduling.
public enum Planner {
    /// Domain types hvharden manages; other drivers' domains are reported as out of scope.
    public static let managedDomainTypes: Set<String> = ["kvm", "qemu"]

    /// The plan for what `reader` reads. Errors come in the order a sequential read would meet
    /// them: an unknown `--domain` or a failed listing, then domain reads in listing order, then
    /// the config files, then evaluation failures in name order.
    public static func plan(
        policy: Policy, reader: some StateReader, domains selection: DomainSelection? = nil, today: Date = Date()
    ) throws -> Plan {
        let selection = selection ?? DomainSelection(selector: policy.domains)
        let note = reader.hostScopeNote
        let facts = ParallelWork.Background { reader.readFacts() }
        // The files domain rules read first, then the rest, one Augeas load after the other: the
        // domains wait only for the first.
        let (domainQuery, hostQuery) = ConfigQuery(policy: policy).split(ConfigQuery.domainKinds(policy.rules.map(\.rule)))
        let domainFiles = ParallelWork.Background {
            note == nil ? Result { try reader.readFiles(domainQuery) } : .success([:])
        }
        let files = ParallelWork.Background {
            let first = domainFiles.wait()
            guard note == nil, !hostQuery.isEmpty else { return first }
            return Result { try first.get().merging(try reader.readFiles(hostQuery)) { own, _ in own } }
        }
        let pathQuery = PathQuery(rules: policy.rules.map(\.rule))
        let paths = ParallelWork.Background { note == nil && !pathQuery.isEmpty ? reader.readPaths(pathQuery) : .none }
        let unitNames = ObservedUnits.query(policy.rules.map(\.rule))
        let units = ParallelWork.Background { note == nil && !unitNames.isEmpty ? reader.readUnits(unitNames) : .none }
        let secretRules = policy.rules.contains { $0.rule.target == .libvirtSecret }
        let secrets = ParallelWork.Background { secretRules ? reader.readSecrets(includingFiles: note == nil) : .none }
        let capabilities = CapabilityMemo { reader.domainCapabilities($0) }
        let hostName = reader.hostName
        let evaluation = DomainEvaluation(
            policy: policy, today: today, facts: facts, capabilities: capabilities.lookup, hostName: hostName, files: domainFiles)
        let chosen: DomainSelection.Chosen
        do {
            chosen = try reader.readDomains(selection) { name, read in evaluation.submit(name, read) }
        } catch {
            evaluation.finish()
            throw error
        }
        try evaluation.finish(selected: chosen.selected)
        let host = HostState(
            connectURI: reader.connectURI, root: reader.root, unselectedDomains: chosen.unselected.sorted(),
            files: try files.wait().get(), paths: paths.wait(), units: units.wait(), secrets: secrets.wait(), facts: facts.wait(), hostScopeNote: note, hostName: hostName)
        let (items, records) = try evaluation.results()
        return try assemble(policy: policy, domains: consume items, records, host: host)
    }

    /// The plan from the domains' merged items and records (in name order) and the host's state:
    /// the basis, then the host rules.
    static func assemble(
        policy: Policy, domains items: consuming PlanBuilder, _ records: [DomainEvaluation.Record], host state: HostState
    ) throws -> Plan {
        // Moved, not copied: the host's items are appended to the same storage.
        var builder = consume items
        var basis = Basis()
        for record in records { basis.objects[DomainResource.ref(record.name)] = record.fingerprint }
        let summaries = records.compactMap(\.summary)

        for file in state.files.values {
            for (path, fingerprint) in file.fingerprints { basis.objects[ConfigFileResource.ref(path)] = fingerprint }
        }
        for path in state.paths.matches.values.joined() { basis.objects[HostPathResource.ref(path.hostPath)] = path.fingerprint }
        for (path, fingerprint) in state.units.fingerprints { basis.objects[ConfigFileResource.ref(path)] = fingerprint }
        basis.facts = state.hostScopeNote == nil ? FactFingerprint.flatten(state.facts) : [:]

        let factContext = FactContext(facts: state.facts, posture: policy.posture, parameters: [:], summaries: summaries)
        let sorted = builder.counts
        try builder.evaluateHost(files: state.files, paths: state.paths, units: state.units, secrets: state.secrets, factContext: factContext, hostScopeNote: state.hostScopeNote)

        return builder.build(state: state, basis: basis, sorted: sorted)
    }
}
