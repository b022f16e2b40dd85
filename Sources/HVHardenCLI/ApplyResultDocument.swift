import Applier
import Foundation
import Planner

/// What `apply --format json` and `rollback --format json` print: one document per run, success
/// or not, for pipelines and configuration management to read instead of parsing text. Each
/// object the run was to change is listed with what happened to it: `done`, `failed` (with the
/// error) or `skipped` (the run stopped before writing it: a refusal, a stale plan, a lock).
struct ApplyResultDocument: Encodable {
    enum Status: String, Encodable { case applied, nothingToDo = "nothing-to-do", rolledBack = "rolled-back", failed }
    enum Outcome: String, Encodable { case done, failed, skipped }

    struct Object: Encodable {
        var object: String
        var kind: String
        var name: String
        var result: Outcome
        var error: String?
    }

    struct Effects: Encodable {
        var daemonsToRestart: [String]
        var domainsToColdBoot: [String]
        var hostReboot: Bool
        var notes: [String]
    }

    var formatVersion = 1
    var command: String
    var status: Status
    /// The apply's (or the rollback's) journal; for a rollback, `rolledBack` is the apply undone.
    var journal: String?
    var rolledBack: String?
    var objects: [Object]
    /// Planning again showed no change for the objects written (apply only).
    var verified: Bool?
    var notConverged: [String]
    var effects: Effects?
    var removedTemporaries: [String]
    var error: String?

    /// An apply of `plan` that ended with `result`.
    init(plan: Plan, result: ApplyResult) {
        command = "apply"
        status = result.applyID == nil ? .nothingToDo : .applied
        journal = result.applyID
        let written = Set(result.written)
        objects = Self.objects(of: plan).map { ref in Self.object(ref, written.contains(ref) ? .done : .skipped) }
        verified = true
        notConverged = []
        effects = Effects(result.effects)
        removedTemporaries = result.removedTemporaries
    }

    /// An error already reported in a written document (not to be written twice).
    struct Written: Error {
        var error: any Error
    }

    /// An apply of `plan` (nil: it failed before there was one) that failed with `error`
    /// (some objects may be written).
    init(plan: Plan?, error: any Error, journal: String?) {
        command = "apply"
        status = .failed
        self.journal = journal
        var failed: [String: String] = [:]
        var done: Set<String> = []
        notConverged = []
        let refs = plan.map(Self.objects) ?? []
        if case .writeFailed(let f, let d, let n)? = error as? ApplyError {
            for (object, reason) in f { failed[object] = reason }
            done = Set(d)
            notConverged = n
        } else if case .notConverged(let n)? = error as? ApplyError {
            notConverged = n
            done = Set(refs.map(\.description))
        }
        objects = refs.map { ref in
            if let reason = failed[ref.description] { return Self.object(ref, .failed, reason) }
            return Self.object(ref, done.contains(ref.description) ? .done : .skipped)
        }
        verified = done.isEmpty ? nil : notConverged.isEmpty
        removedTemporaries = []
        self.error = "\(error)"
    }

    /// A rollback that ended with `result`, or failed with `error`.
    init(rollback result: Rollback.Result?, error: (any Error)? = nil) {
        command = "rollback"
        status = result == nil ? .failed : .rolledBack
        journal = result?.rollbackID
        rolledBack = result?.applyID
        objects = (result?.restored ?? []).map { Self.object($0, .done) }
        notConverged = []
        removedTemporaries = result?.removedTemporaries ?? []
        self.error = error.map { "\($0)" }
    }

    func write(to handle: FileHandle) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        handle.write(try encoder.encode(self) + Data("\n".utf8))
    }

    private static func objects(of plan: Plan) -> [ObjectRef] {
        Array(Set(plan.changes.compactMap(\.address.ref))).sorted()
    }

    private static func object(_ ref: ObjectRef, _ result: Outcome, _ error: String? = nil) -> Object {
        Object(object: ref.description, kind: ref.kind.rawValue, name: ref.name, result: result, error: error)
    }
}

extension ApplyResultDocument.Effects {
    init(_ effects: ApplyEffects) {
        self.init(daemonsToRestart: effects.daemonsToRestart, domainsToColdBoot: effects.domainsToColdBoot,
                  hostReboot: effects.hostReboot, notes: effects.notes)
    }
}
