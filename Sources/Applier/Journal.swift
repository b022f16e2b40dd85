import Foundation
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// The record of one apply or rollback under `STATE/journal/<id>/` (directory 0700, files
/// 0600): a copy of every object it changes (a file's bytes, mode and owner; a domain's
/// definition with its secrets), taken through the object's store *before* anything is written, and a manifest saying what was to be done and what was.
/// `rollback` restores from it; it stays usable if the process is killed at any point.
public struct Journal {
    public let directory: String
    public private(set) var manifest: JournalManifest

    /// Creates a new journal directory with an id that sorts by time.
    public static func create(stateDirectory: String, kind: JournalManifest.Kind, connectURI: String, root: String, planDigest: String?) throws -> Journal {
        let base = stateDirectory + "/journal"
        try StateDirectory.ensure(stateDirectory)
        try makeDirectory(base)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let now = Date()
        // The suffix is the sub-second part of the time in hex, so ids sort by creation time even
        // within one second (`rollback` without an id takes the last); the lock serializes creations.
        // (The formatter rounds to milliseconds, so it gets the whole second.)
        let seconds = now.timeIntervalSince1970, whole = seconds.rounded(.down)
        let fraction = String(UInt32(min((seconds - whole) * 4_294_967_296, 4_294_967_295)), radix: 16)
        let id = formatter.string(from: Date(timeIntervalSince1970: whole)) + "-" + String(repeating: "0", count: 8 - fraction.count) + fraction
        let dir = base + "/" + id
        try makeDirectory(dir)
        try makeDirectory(dir + "/objects")
        let manifest = JournalManifest(
            id: id, kind: kind, createdAt: ISO8601DateFormatter().string(from: now), connectURI: connectURI,
            root: root, planDigest: planDigest, status: .started, objects: [])
        var journal = Journal(directory: dir, manifest: manifest)
        try journal.save()
        return journal
    }

    /// The ids of the journals in the state directory (none when it has none).
    public static func ids(stateDirectory: String) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: stateDirectory + "/journal")) ?? [])
    }

    /// Opens an existing journal by id, or the latest apply when `id` is nil.
    public static func open(stateDirectory: String, id: String?) throws -> Journal {
        let base = stateDirectory + "/journal"
        // Reading makes nothing: a state directory that does not exist holds no journal.
        guard FileManager.default.fileExists(atPath: stateDirectory) else { throw ApplyError.noJournal("in \(base): it does not exist") }
        try StateDirectory.ensure(stateDirectory)
        if FileManager.default.fileExists(atPath: base) { try TrustedPath.existingDirectory(base) }
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted()
        let chosen: String
        if let id {
            guard ids.contains(id) else { throw ApplyError.noJournal("'\(id)' in \(base)") }
            chosen = id
        } else {
            // A directory without a manifest is an apply killed before its first save: it wrote nothing.
            let applies = try ids.filter { id in
                guard FileManager.default.fileExists(atPath: "\(base)/\(id)/manifest.json") else { return false }
                return try load(base + "/" + id).kind == .apply
            }
            guard let last = applies.last else { throw ApplyError.noJournal("of any apply in \(base)") }
            chosen = last
        }
        let dir = base + "/" + chosen
        return Journal(directory: dir, manifest: try load(dir))
    }

    private static func load(_ dir: String) throws -> JournalManifest {
        try TrustedPath.existingDirectory(dir)
        guard let data = try TrustedPath.read(dir + "/manifest.json") else {
            throw ApplyError.noJournal("manifest in \(dir)")
        }
        struct Header: Decodable { var formatVersion: Int }
        if let header = try? JSONDecoder().decode(Header.self, from: data), header.formatVersion != JournalManifest.currentFormatVersion {
            throw ApplyError.noJournal("this hvharden can read in \(dir): its format version is \(header.formatVersion), "
                + "this hvharden reads \(JournalManifest.currentFormatVersion); roll it back with the hvharden that wrote it")
        }
        do {
            return try JSONDecoder().decode(JournalManifest.self, from: data)
        } catch {
            throw ApplyError.noJournal("readable manifest in \(dir): \(error)")
        }
    }

    /// Records `object` as `snapshot` shows it, before anything is written: its bytes in
    /// `objects/<n>` (0600), its attributes and fingerprint in the manifest. Recording an object
    /// twice keeps the first copy.
    public mutating func record(_ object: ObjectRef, _ snapshot: ObjectSnapshot, leftovers: [Leftover] = []) throws {
        guard !manifest.objects.contains(where: { $0.object == object }) else { return }
        var entry = JournalObject(
            object: object, backup: nil, attributes: snapshot.attributes, before: snapshot.fingerprint, after: nil,
            temporariesBefore: leftovers.map(\.path).sorted())
        if let content = snapshot.content {
            let name = "objects/\(manifest.objects.count)"
            try AtomicFile.write(content, to: directory + "/" + name, mode: 0o600)
            entry.backup = name
        }
        manifest.objects.append(entry)
        try save()
    }

    /// The snapshot `record` took of `entry`'s object.
    public func snapshot(of entry: JournalObject) throws -> ObjectSnapshot {
        ObjectSnapshot(content: try entry.backup.map(backupData), attributes: entry.attributes, fingerprint: entry.before)
    }

    /// Records that the temporaries this journal's writes left were removed.
    public mutating func setTemporariesRemoved() throws {
        manifest.temporariesRemoved = true
        try save()
    }

    public mutating func setStatus(_ status: JournalManifest.Status) throws {
        manifest.status = status
        try save()
    }

    /// Records what `object` looked like after it was written.
    public mutating func recordAfter(_ object: ObjectRef, _ fingerprint: Fingerprint) throws {
        if let i = manifest.objects.firstIndex(where: { $0.object == object }) { manifest.objects[i].after = fingerprint }
        try save()
    }

    public func backupData(_ relative: String) throws -> Data {
        guard let data = try TrustedPath.read(directory + "/" + relative) else {
            throw ApplyError.noJournal("backup '\(relative)' in \(directory)")
        }
        return data
    }

    private mutating func save() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(manifest), to: directory + "/manifest.json", mode: 0o600)
    }

    private static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0 {
            guard errno == EEXIST else { throw ApplyError.io("cannot create '\(path)'", errno) }
            try TrustedPath.existingDirectory(path)
        }
    }
}

/// What a journal records.
public struct JournalManifest: Codable, Sendable {
    public enum Kind: String, Codable, Sendable { case apply, rollback }
    /// `started`: backups are being taken or writes are under way; `written`: every write done;
    /// `verified`: the re-plan was empty; `failed`: stopped with an error (see the CLI output).
    public enum Status: String, Codable, Sendable { case started, written, verified, failed }

    /// 2: objects of any registered kind, keyed fingerprints.
    public static let currentFormatVersion = 2
    public var formatVersion = JournalManifest.currentFormatVersion
    public var id: String
    public var kind: Kind
    public var createdAt: String
    public var connectURI: String
    public var root: String
    public var planDigest: String?
    public var status: Status
    public var objects: [JournalObject]
    /// Set once the temporaries this apply's interrupted writes left were removed.
    public var temporariesRemoved: Bool?
}

/// One object in a journal: where its backup is (nil when it did not exist), what restoring
/// it needs, and its fingerprint before and after the write.
public struct JournalObject: Codable, Sendable {
    public var object: ObjectRef
    public var backup: String?
    public var attributes: [String: String]
    public var before: Fingerprint
    public var after: Fingerprint?
    /// The object's temporaries that existed before anything was written (not this apply's:
    /// never removed); nil in journals written before this was recorded.
    public var temporariesBefore: [String]?
}
