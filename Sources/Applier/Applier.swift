import Compiler
import Foundation
import Host
import Planner

// Applier: executes a Plan. One apply at a time per host (ApplyLock); a saved plan is refused
// when its format or hvharden version is unknown, when it was applied before, or when anything
// it was computed from changed ("saved plan is stale"). Before any write, every touched file and
// domain definition is copied into a journal; then one Augeas save writes all files (each
// atomically) and one validated define per domain carries all of that domain's edits. The apply
// succeeds only if planning again shows no change for what it touched.

/// Where and how to apply.
public struct ApplyOptions: Sendable {
    public var stateDirectory: String
    /// Whether the plan came from a file (then it may be applied only once and is checked for staleness).
    public var savedPlanDigest: String?
    public var today: Date
    /// Test-only: stop (sleep) at a named point so fault-injection tests can kill the process.
    public var pausePoint: String?

    public init(stateDirectory: String = StateDirectory.defaultPath, savedPlanDigest: String? = nil, today: Date = Date(), pausePoint: String? = nil) {
        self.stateDirectory = stateDirectory
        self.savedPlanDigest = savedPlanDigest
        self.today = today
        self.pausePoint = pausePoint
    }
}

/// What an apply did.
public struct ApplyResult: Sendable {
    public var applyID: String?
    public var filesWritten: [String]
    public var domainsDefined: [String]
    public var effects: ApplyEffects
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

    /// Applies the plan through `connection` and Augeas under the plan's root.
    public func apply(connection: LibvirtConnection) throws -> ApplyResult {
        try apply(connection: connection, store: LibvirtDomainStore(connection: connection))
    }

    /// Applies with domains read and defined through `store` (tests inject one that fails, as a
    /// lost connection would); verification plans again through `connection`.
    func apply(connection: LibvirtConnection, store: DomainStore) throws -> ApplyResult {
        let lock = try ApplyLock(stateDirectory: options.stateDirectory, command: "hvharden apply")
        defer { lock.release() }
        let applied = AppliedPlans(stateDirectory: options.stateDirectory)
        if let digest = options.savedPlanDigest {
            if let id = applied.applyID(for: digest) { throw ApplyError.alreadyApplied(id) }
        }
        try StalenessCheck(plan: plan, store: store).verify()
        if plan.changes.isEmpty {
            return ApplyResult(applyID: nil, filesWritten: [], domainsDefined: [], effects: ApplyEffects(plan: plan))
        }

        var journal = try Journal.create(
            stateDirectory: options.stateDirectory, kind: .apply, connectURI: plan.connectURI,
            root: plan.root, planDigest: options.savedPlanDigest)
        let writer = ChangeWriter(plan: plan, store: store, pausePoint: options.pausePoint)
        do {
            try writer.backUp(into: &journal)
            pause("after-journal")
            let result = try writer.write(journal: &journal, pause: pause)
            try journal.setStatus(.written)
            try verify(connection: connection)
            try journal.setStatus(.verified)
            if let digest = options.savedPlanDigest { try applied.record(digest, applyID: journal.manifest.id) }
            return ApplyResult(
                applyID: journal.manifest.id, filesWritten: result.files, domainsDefined: result.domains,
                effects: ApplyEffects(plan: plan))
        } catch {
            try? journal.setStatus(.failed)
            throw error
        }
    }

    /// Plans again for the touched objects: any change left there means the apply did not converge.
    private func verify(connection: LibvirtConnection) throws {
        let touchedDomains = Set(plan.changes.compactMap { $0.address.kind == .domain ? $0.address.domain : nil })
        let reader = LiveStateReader(connectURI: plan.connectURI, root: plan.root, domainNames: touchedDomains.sorted())
        var state: ObservedState
        do {
            state = try reader.read(policy: policy, connection: connection)
            if touchedDomains.isEmpty { state.domains = [] }
        } catch let error as PlanError {
            throw ApplyError.planning(error)
        }
        let again = try Planner.plan(policy: policy, state: state, today: options.today)
        let touchedFiles = Set(plan.changes.compactMap { $0.address.file })
        let left = again.changes.filter { c in
            (c.address.domain.map(touchedDomains.contains) ?? false) || (c.address.file.map(touchedFiles.contains) ?? false)
        }
        if !left.isEmpty {
            throw ApplyError.notConverged(Array(Set(left.map { "\($0.address.object) (\($0.rule))" })).sorted())
        }
    }

    private func pause(_ point: String) {
        guard options.pausePoint == point else { return }
        FileHandle.standardError.write(Data("hvharden: paused at \(point)\n".utf8))
        sleep(3600)
    }
}
