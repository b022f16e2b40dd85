import Foundation
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// Removes the temporary files that interrupted writes left: for each object of a journal, the
/// temporaries its store shows now that did not exist when the journal recorded the object and
/// were last written after the journal began. A write that fails removes its own at once; a
/// process killed mid-write leaves them for the next apply or rollback, which sweeps every
/// journal not yet swept (under the lock, so no write of this host is under way). Temporaries
/// that were there before an apply, and any file a store does not call its own, stay.
struct LeftoverSweep {
    let stateDirectory: String
    let stores: ObjectStores

    /// The paths removed, sorted.
    func run() throws -> [String] {
        let base = stateDirectory + "/journal"
        guard FileManager.default.fileExists(atPath: base) else { return [] }
        let ids = try FileManager.default.contentsOfDirectory(atPath: base).sorted()
        var removed: [String] = []
        for id in ids where FileManager.default.fileExists(atPath: "\(base)/\(id)/manifest.json") {
            var journal = try Journal.open(stateDirectory: stateDirectory, id: id)
            guard journal.manifest.temporariesRemoved != true, journal.manifest.status != .verified else { continue }
            for entry in journal.manifest.objects {
                guard let store = try? stores.store(for: entry.object.kind) else { continue }
                removed += try Self.removeNew(entry, since: journal.createdAt, store: store)
            }
            removed += Self.removeOwnTemporaries(in: journal.directory)
            try journal.setTemporariesRemoved()
        }
        return removed.sorted()
    }

    /// Removes the temporaries of `entry`'s object that its journal did not see before writing.
    static func removeNew(_ entry: JournalObject, since start: Date, store: any ObjectStore) throws -> [String] {
        guard let before = entry.temporariesBefore.map(Set.init) else { return [] }
        var removed: [String] = []
        // One second of slack: the journal's time is kept to the second.
        for leftover in store.leftovers(of: entry.object.name)
        where !before.contains(leftover.path) && leftover.modified >= start.addingTimeInterval(-1) {
            try store.remove(leftover, of: entry.object.name)
            removed.append(leftover.path)
        }
        return removed
    }

    /// `AtomicFile`'s temporaries of the journal's own files (manifest, backups).
    private static func removeOwnTemporaries(in directory: String) -> [String] {
        var removed: [String] = []
        for dir in [directory, directory + "/objects"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where AtomicFile.isTemporary(name) {
                if unlink(dir + "/" + name) == 0 { removed.append(dir + "/" + name) }
            }
        }
        return removed
    }
}

extension Journal {
    /// When the journal was begun.
    var createdAt: Date {
        ISO8601DateFormatter().date(from: manifest.createdAt) ?? Date(timeIntervalSince1970: 0)
    }
}
