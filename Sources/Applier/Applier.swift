import Compiler
import Foundation
import Planner

// Applier: executes a Plan through the stores of its objects' kinds. One apply at a time per
// host (ApplyLock); a saved plan is refused when its format or hvharden version is unknown,
// when it was applied before (and not rolled back since), or when anything it was computed from changed ("saved plan is
// stale"). Before any write, every object to change is copied into a journal; then each object
// is written in one atomic step by its store. The apply succeeds only if planning again shows
// no change for what it wrote.

/// Where and how to apply.
public struct ApplyOptions: Sendable {
    public var stateDirectory: String
    /// The host-wide locks to take besides the state directory's (nil: that one only).
    public var hostLock: HostLockScope?
    /// How long to wait for the locks before giving up (0: fail at once).
    public var lockTimeout: TimeInterval = 0
    /// Whether the plan came from a file (then it may be applied only once and is checked for staleness).
    public var savedPlanDigest: String?
    public var today: Date
    /// Told how far the apply got (fault-injection tests stop the process there).
    public var checkpoint: (@Sendable (ApplyCheckpoint) -> Void)?

    public init(
        stateDirectory: String, hostLock: HostLockScope?, savedPlanDigest: String? = nil, today: Date = Date(),
        checkpoint: (@Sendable (ApplyCheckpoint) -> Void)? = nil
    ) {
        self.stateDirectory = stateDirectory
        self.hostLock = hostLock
        self.savedPlanDigest = savedPlanDigest
        self.today = today
        self.checkpoint = checkpoint
    }
}

/// What an apply did.
public struct ApplyResult: Sendable {
    public var applyID: String?
    /// The objects written, in plan order.
    public var written: [ObjectRef]
    public var effects: ApplyEffects
    /// Temporary files left by earlier interrupted applies or rollbacks, removed first.
    public var removedTemporaries: [String] = []
}

public struct Applier {
    public let plan: Plan
    public let policy: Policy
    public let options: ApplyOptions

    public init(plan: Plan, policy: Policy, options: ApplyOptions) {
        self.plan = plan
        self.policy = policy
        self.options = options
    }

    /// Applies the plan: objects are checked, backed up and written through `stores`; the
    /// result is verified by planning again through `reader`.
    public func apply(stores: ObjectStores, reader: some StateReader) throws -> ApplyResult {
        let lock = try ApplyLock(
            stateDirectory: options.stateDirectory, host: options.hostLock, command: "hvharden apply", timeout: options.lockTimeout)
        defer { lock.release() }
        let removed = try LeftoverSweep(stateDirectory: options.stateDirectory, stores: stores).run()
        let applied = AppliedPlans(stateDirectory: options.stateDirectory)
        if let digest = options.savedPlanDigest {
            if let id = try applied.applyID(for: digest) { throw ApplyError.alreadyApplied(id) }
        }
        try StalenessCheck(plan: plan, stores: stores, reader: reader).verify()
        if options.savedPlanDigest != nil {
            try EditCheck(plan: plan, policy: policy, reader: reader, today: options.today).verify()
        }
        if plan.changes.isEmpty {
            return ApplyResult(applyID: nil, written: [], effects: ApplyEffects(plan: plan), removedTemporaries: removed)
        }

        var journal = try Journal.create(
            stateDirectory: options.stateDirectory, kind: .apply, connectURI: plan.connectURI,
            root: plan.root, planDigest: options.savedPlanDigest)
        let writer = ObjectWriter(plan: plan, stores: stores) { options.checkpoint?($0) }
        do {
            try writer.backUp(into: &journal)
            options.checkpoint?(.afterJournal)
            let result = try writer.write(journal: &journal)
            try journal.setStatus(result.failed.isEmpty ? .written : .failed)
            let unconverged = try verify(written: result.written, reader: reader)
            if !result.failed.isEmpty {
                throw ApplyError.writeFailed(
                    failed: result.failed.map { ($0.0.description, $0.1) },
                    done: result.written.map(\.description).filter { done in !result.failed.contains { $0.0.description == done } },
                    notConverged: unconverged)
            }
            if !unconverged.isEmpty { throw ApplyError.notConverged(unconverged) }
            try journal.setStatus(.verified)
            if let digest = options.savedPlanDigest { try applied.record(digest, applyID: journal.manifest.id) }
            return ApplyResult(
                applyID: journal.manifest.id, written: result.written, effects: ApplyEffects(plan: plan), removedTemporaries: removed)
        } catch {
            try? journal.setStatus(.failed)
            throw error
        }
    }

    /// Plans again for the written objects; what still has a change there did not converge.
    private func verify(written: [ObjectRef], reader: some StateReader) throws -> [String] {
        guard !written.isEmpty else { return [] }
        let touched = Set(written)
        let domains = written.filter { $0.kind == DomainResource.kind }.map(\.name)
        let selection = domains.isEmpty
            ? DomainSelection(selector: DomainSelector(include: [], exclude: []))
            : DomainSelection(selector: policy.domains, names: domains)
        let again: Plan
        do {
            again = try Planner.plan(policy: policy, reader: reader, domains: selection, today: options.today)
        } catch let error as PlanError {
            throw ApplyError.planning(error)
        }
        let left = again.changes.filter { $0.address.ref.map(touched.contains) ?? false }
        return Array(Set(left.map { "\($0.address.object) (\($0.rule))" })).sorted()
    }
}
