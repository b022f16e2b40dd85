import Compiler
import Foundation
import XMLKit

/// Where a plan gets libvirt's domain capabilities: the reader, cached per key by the reader.
public typealias CapabilitySource = @Sendable (CapabilityKey) -> CapabilityLookup

/// Checks a domain's fixes against libvirt's domain capabilities before they are proposed: the
/// definition with the fix applied must be one the hypervisor supports in every part the fix
/// changed (and in every part, when it changes the virt type, architecture, machine or
/// emulator, since all of them are then judged by other capabilities). `define` accepts much
/// that the guest's next start refuses (a CPU feature KVM cannot provide, a TPM backend that is
/// not installed), so a fix whose result the capabilities cannot support is not proposed.
struct CapabilityGate {
    let original: XMLDocument
    let source: CapabilitySource
    /// The host is itself a virtual machine (the host facts say so).
    var nestedHost = false
    /// What is read of the original once and compared with each edited copy.
    private let memo = Memo()

    init(original: XMLDocument, source: @escaping CapabilitySource, nestedHost: Bool = false) {
        self.original = original
        self.source = source
        self.nestedHost = nestedHost
    }

    /// The original definition's key, projections and problems, each computed the first time a
    /// fix needs it: a domain with several fixes is checked several times against the same
    /// original. One gate serves one domain on one thread.
    private final class Memo {
        var key: CapabilityKey?
        var projections: [CapabilityAspect: String] = [:]
        var problems: [CapabilityAspect: [String]] = [:]
    }

    private func originalKey() -> CapabilityKey {
        if let key = memo.key { return key }
        let key = CapabilityKey(document: original)
        memo.key = key
        return key
    }

    private func originalProjection(_ aspect: CapabilityAspect) -> String {
        if let known = memo.projections[aspect] { return known }
        let projection = aspect.projection(original)
        memo.projections[aspect] = projection
        return projection
    }

    private func originalProblems(_ aspect: CapabilityAspect, _ caps: DomainCapabilities) -> [String] {
        if let known = memo.problems[aspect] { return known }
        let problems = aspect.problems(original, caps, nestedHost: nestedHost)
        memo.problems[aspect] = problems
        return problems
    }

    /// The aspects `edits` can change in the original (`.virtType`: its key), all of them
    /// when that cannot be told without applying them. Most fixes reach none, and are not
    /// checked at all.
    func reached(by edits: [DomainEdit]) -> [CapabilityAspect] {
        CapabilityAspect.reached(by: CapabilityReach(edits, in: original))
    }

    /// What the definition with `edits` applied has that the capabilities cannot support and
    /// the original had not; empty when the edits are safe as far as libvirt can tell.
    /// `reached`: `reached(by: edits)`, when the caller has it already.
    func problems(after edits: [DomainEdit], reached known: [CapabilityAspect]? = nil) throws -> [String] {
        let reached = known ?? reached(by: edits)
        guard !reached.isEmpty else { return [] }
        let edited = try original.copy()
        try XMLEditor.apply(edits, to: edited)
        let before = originalKey(), after = CapabilityKey(document: edited)
        // With the same key, only an aspect the edits reach can differ, and only if its
        // projection did.
        let aspects = before == after
            ? reached.filter { $0 != .virtType && originalProjection($0) != $0.projection(edited) }
            : CapabilityAspect.allCases
        guard !aspects.isEmpty else { return [] }
        switch source(after) {
        case .available(let caps):
            let now = aspects.flatMap { $0.problems(edited, caps, nestedHost: nestedHost) }
            guard case .available(let old) = source(before) else { return now }
            let then = Set(aspects.flatMap { originalProblems($0, old) })
            return now.filter { !then.contains($0) }
        case .unsupported(let reason):
            if before == after, case .unsupported = source(before) { return [] }
            return ["libvirt on this host has no \(after): \(reason)"]
        case .unknown(let reason):
            let what = before == after
                ? "the \(aspects.map(\.rawValue).joined(separator: ", ")) it changes" : "the result (\(after))"
            return ["\(what) cannot be shown to be supported: libvirt's domain capabilities cannot be read: \(reason)"]
        }
    }
}

extension CapabilityGate {
    /// The domain's outcomes with every fix the capabilities cannot support turned into a
    /// finding that says why: each rule's fix alone, then the surviving fixes together (the
    /// last of them in rule order given up first). `proposed` tells which outcomes would
    /// become changes (enforced, not waived); the others are left as they are. `Tag` is what
    /// names an outcome's rule (the planner passes indices into its policy, not copies).
    func filter<Tag>(_ outcomes: [(Outcome, Tag)], proposed: (Tag) -> Bool) throws -> [(Outcome, Tag)] {
        var result = outcomes
        var kept: [Int] = []
        // Proposed fixes that reach nothing alone: applied with the others, one of them may
        // still change where another lands (an attribute that a later path's predicate tests).
        var unchecked: [Int] = []
        for (index, (outcome, rule)) in outcomes.enumerated() {
            guard case .changes(let changes) = outcome, proposed(rule) else { continue }
            let edits = try changes.map { try $0.edit.unwrap(DomainEdit.self) }
            let reached = reached(by: edits)
            guard !reached.isEmpty else {
                unchecked.append(index)
                continue
            }
            let problems = try self.problems(after: edits, reached: reached)
            if problems.isEmpty {
                kept.append(index)
            } else {
                result[index].0 = .finding(Self.message(problems))
            }
        }
        // Fixes safe one by one may not be together (a virt type and a CPU change): all the
        // domain's proposed fixes, in rule order, as apply makes them.
        while !kept.isEmpty, kept.count + unchecked.count > 1 {
            let edits = try (kept + unchecked).sorted().flatMap { index -> [DomainEdit] in
                guard case .changes(let changes) = result[index].0 else { return [] }
                return try changes.map { try $0.edit.unwrap(DomainEdit.self) }
            }
            let problems = try self.problems(after: edits)
            guard !problems.isEmpty else { break }
            let last = kept.removeLast()
            result[last].0 = .finding(Self.message(problems, together: true))
        }
        return result
    }

    static func message(_ problems: [String], together: Bool = false) -> String {
        "fix not proposed" + (together ? " (together with this domain's other fixes)" : "")
            + ": " + problems.joined(separator: "; ")
    }
}
