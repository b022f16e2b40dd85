import Foundation
import Planner

/// The journals of a state directory, newest last, and pruning them. Pruning takes the apply
/// lock, keeps the newest `keep`, and never removes the journal of an apply that did not end
/// verified (started, written or failed): that apply may still need `hvharden rollback`.
public enum JournalPruning {
    public struct Entry: Sendable {
        public var id: String
        public var manifest: JournalManifest
    }

    public struct Result: Sendable {
        public var removed: [String]
        /// Old journals kept because their apply did not end verified.
        public var keptUnfinished: [String]
    }

    /// Every journal with a manifest, oldest first.
    public static func list(stateDirectory: String) throws -> [Entry] {
        try Journal.ids(stateDirectory: stateDirectory).sorted().compactMap { id in
            guard FileManager.default.fileExists(atPath: "\(stateDirectory)/journal/\(id)/manifest.json") else { return nil }
            return Entry(id: id, manifest: try Journal.open(stateDirectory: stateDirectory, id: id).manifest)
        }
    }

    public static func prune(stateDirectory: String, keep: Int) throws -> Result {
        let lock = try ApplyLock(stateDirectory: stateDirectory, host: nil, command: "hvharden journal prune")
        defer { lock.release() }
        let entries = try list(stateDirectory: stateDirectory)
        var result = Result(removed: [], keptUnfinished: [])
        for entry in entries.dropLast(max(0, keep)) {
            if entry.manifest.kind == .apply, entry.manifest.status != .verified {
                result.keptUnfinished.append(entry.id)
                continue
            }
            let directory = "\(stateDirectory)/journal/\(entry.id)"
            do {
                try FileManager.default.removeItem(atPath: directory)
            } catch {
                throw ApplyError.io("cannot remove journal '\(directory)': \(error.localizedDescription)", EIO)
            }
            result.removed.append(entry.id)
        }
        return result
    }
}
