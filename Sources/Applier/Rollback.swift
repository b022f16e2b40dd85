import Foundation
import Planner

/// Restores what an apply changed, from its journal: every object put back by its store as the
/// journal recorded it (a file byte-identical with its mode and owner, removed if the apply
/// created it; a domain redefined from its saved XML). Objects changed by someone else since
/// the apply are refused unless forced. The rollback is itself journaled, so it can be rolled
/// back too.
public struct Rollback {
    public let stateDirectory: String
    /// The host-wide locks to take besides the state directory's (nil: that one only).
    public let hostLock: HostLockScope?
    public let force: Bool
    /// How long to wait for the locks before giving up (0: fail at once).
    public var lockTimeout: TimeInterval = 0

    public init(stateDirectory: String, hostLock: HostLockScope?, force: Bool = false, lockTimeout: TimeInterval = 0) {
        self.stateDirectory = stateDirectory
        self.hostLock = hostLock
        self.force = force
        self.lockTimeout = lockTimeout
    }

    public struct Result: Sendable {
        public var applyID: String
        public var rollbackID: String
        public var restored: [ObjectRef]
        /// Temporary files left by interrupted applies or rollbacks, removed first.
        public var removedTemporaries: [String]
    }

    public func run(id: String?, stores: ObjectStores) throws -> Result {
        let lock = try ApplyLock(stateDirectory: stateDirectory, host: hostLock, command: "hvharden rollback", timeout: lockTimeout)
        defer { lock.release() }
        let removed = try LeftoverSweep(stateDirectory: stateDirectory, stores: stores).run()
        let journal = try Journal.open(stateDirectory: stateDirectory, id: id)
        let manifest = journal.manifest

        var pending: [JournalObject] = []
        var changedSince: [String] = []
        for entry in manifest.objects {
            let now = try stores.store(for: entry.object.kind).fingerprint(entry.object.name)
            if now == entry.before { continue }
            if let after = entry.after, after != now { changedSince.append(entry.object.description) }
            pending.append(entry)
        }
        if !changedSince.isEmpty && !force { throw ApplyError.changedSinceApply(changedSince) }

        var own = try Journal.create(
            stateDirectory: stateDirectory, kind: .rollback, connectURI: manifest.connectURI, root: manifest.root, planDigest: nil)
        for entry in pending {
            let store = try stores.store(for: entry.object.kind)
            try own.record(entry.object, try store.snapshot(entry.object.name), leftovers: store.leftovers(of: entry.object.name))
        }
        for entry in pending {
            let store = try stores.store(for: entry.object.kind)
            let restored = try store.restore(entry.object.name, from: try journal.snapshot(of: entry))
            try own.recordAfter(entry.object, restored)
            if restored != entry.before {
                throw ApplyError.notConverged(["\(entry.object) (it differs from the journal copy after restoring)"])
            }
        }
        try own.setStatus(.verified)
        // The host is back where the apply found it: its saved plan may be applied again.
        if let digest = manifest.planDigest, manifest.kind == .apply {
            try AppliedPlans(stateDirectory: stateDirectory).forget(digest, appliedBy: manifest.id)
        }
        return Result(applyID: manifest.id, rollbackID: own.manifest.id, restored: pending.map(\.object), removedTemporaries: removed)
    }
}
