import Foundation
import Planner

/// Writes a plan's changes object by object, each through its kind's store in one atomic write.
/// Objects are independent, as Terraform's and Puppet's resources are: one that fails to write
/// is reported with its reason and the others are still written.
struct ObjectWriter {
    let plan: Plan
    let stores: ObjectStores
    let checkpoint: (ApplyCheckpoint) -> Void

    /// Every object the plan changes, in plan order, with its edits.
    var objects: [(ref: ObjectRef, edits: [AnyEdit])] {
        var order: [ObjectRef] = []
        var edits: [ObjectRef: [AnyEdit]] = [:]
        for change in plan.changes {
            guard let ref = change.address.ref else { continue }
            if edits[ref] == nil { order.append(ref) }
            edits[ref, default: []].append(change.edit)
        }
        return order.sorted().map { ($0, edits[$0] ?? []) }
    }

    /// Copies every object about to change into the journal, before any write.
    func backUp(into journal: inout Journal) throws {
        for (ref, _) in objects {
            let snapshot: ObjectSnapshot
            do {
                snapshot = try stores.store(for: ref.kind).snapshot(ref.name)
            } catch let error as ApplyError {
                throw error
            } catch {
                throw ApplyError.backupFailed(object: ref.description, reason: "\(error)")
            }
            try journal.record(ref, snapshot, leftovers: try stores.store(for: ref.kind).leftovers(of: ref.name))
        }
    }

    /// Writes each object; returns what was written and what failed (with the reason).
    func write(journal: inout Journal) throws -> ObjectWriteResult {
        var result = ObjectWriteResult()
        for (index, (ref, edits)) in objects.enumerated() {
            let store = try stores.store(for: ref.kind)
            switch Result(catching: { try store.write(ref.name, edits: edits) }) {
            case .success(let after):
                try journal.recordAfter(ref, after)
                result.written.append(ref)
            case .failure(let error):
                // What the failed write left (a temporary file) goes at once; the journal says which.
                if let entry = journal.manifest.objects.first(where: { $0.object == ref }) {
                    _ = try? LeftoverSweep.removeNew(entry, since: journal.createdAt, store: store)
                }
                // The write may have happened before a later step failed (a connection lost
                // after a define): the journal records what the object is now, if it can tell.
                let before = journal.manifest.objects.first { $0.object == ref }?.before
                switch Result(catching: { try store.fingerprint(ref.name) }) {
                case .success(let now) where now != before:
                    try journal.recordAfter(ref, now)
                    result.written.append(ref)
                    result.failed.append((ref, "written, but then: \(error)"))
                case .success:
                    result.failed.append((ref, "\(error)"))
                case .failure:
                    // Neither old nor new can be shown: say so; rollback compares with the journal.
                    result.failed.append((ref, "\(error) (whether it was written could not be read back)"))
                }
            }
            checkpoint(.afterObject(index + 1))
        }
        return result
    }
}

/// What `ObjectWriter.write` did.
struct ObjectWriteResult {
    var written: [ObjectRef] = []
    var failed: [(ObjectRef, String)] = []
}

/// What must happen after an apply for its changes to take effect. hvharden restarts nothing.
public struct ApplyEffects: Sendable {
    public var daemonsToRestart: [String]
    public var domainsToColdBoot: [String]
    public var hostReboot: Bool
    public var notes: [String]

    public init(plan: Plan) {
        var daemons: Set<String> = []
        var reboot = false
        var notes: Set<String> = []
        for change in plan.changes {
            let file = change.address.name(of: ConfigFileResource.self)
            switch change.effect {
            case .daemonRestart:
                let kind = file.flatMap(ConfigFileResource.configFile(of:))
                if kind == .qemuConf {
                    daemons.insert(ServingDaemons.qemuDriver(plan.libvirtDaemons))
                } else if let d = kind?.daemon {
                    daemons.insert(d)
                } else if let note = kind?.reloadNote {
                    notes.insert(note)
                }
            case .hostReboot:
                reboot = true
                if let note = file.flatMap(ConfigFileResource.configFile(of:))?.afterRebootNote { notes.insert(note) }
            default: break
            }
        }
        daemonsToRestart = daemons.sorted()
        domainsToColdBoot = Array(Set(plan.changes.filter { $0.effect == .nextDomainBoot }
            .compactMap { $0.address.name(of: DomainResource.self) })).sorted()
        hostReboot = reboot
        self.notes = notes.sorted()
    }
}
