import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The record of one apply or rollback under `STATE/journal/<id>/` (directory 0700, files
/// 0600): a copy of every file (bytes, mode, owner) and every domain definition (with secrets)
/// taken *before* anything was written, and a manifest saying what was to be done and what was.
/// `rollback` restores from it; it stays usable if the process is killed at any point.
public struct Journal {
    public let directory: String
    public private(set) var manifest: JournalManifest

    /// Creates a new journal directory with an id that sorts by time.
    public static func create(stateDirectory: String, kind: JournalManifest.Kind, connectURI: String, root: String, planDigest: String?) throws -> Journal {
        let base = stateDirectory + "/journal"
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
        try makeDirectory(dir + "/files")
        try makeDirectory(dir + "/domains")
        let manifest = JournalManifest(
            id: id, kind: kind, createdAt: ISO8601DateFormatter().string(from: now), connectURI: connectURI,
            root: root, planDigest: planDigest, status: .started, files: [], domains: [])
        var journal = Journal(directory: dir, manifest: manifest)
        try journal.save()
        return journal
    }

    /// Opens an existing journal by id, or the latest apply when `id` is nil.
    public static func open(stateDirectory: String, id: String?) throws -> Journal {
        let base = stateDirectory + "/journal"
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
        guard let data = FileManager.default.contents(atPath: dir + "/manifest.json") else {
            throw ApplyError.noJournal("manifest in \(dir)")
        }
        do {
            return try JSONDecoder().decode(JournalManifest.self, from: data)
        } catch {
            throw ApplyError.noJournal("readable manifest in \(dir): \(error)")
        }
    }

    /// Copies a host file (under `root`) into the journal before it is changed.
    public mutating func backUpFile(hostPath: String, onDisk: String) throws {
        guard !manifest.files.contains(where: { $0.path == hostPath }) else { return }
        let index = manifest.files.count
        var entry = JournalFile(path: hostPath, existed: false, mode: nil, uid: nil, gid: nil, backup: nil, beforeHash: "absent", afterHash: nil)
        var st = stat()
        if lstat(onDisk, &st) == 0 {
            guard let data = FileManager.default.contents(atPath: onDisk) else {
                throw ApplyError.io("cannot read '\(onDisk)'", errno)
            }
            let name = "files/\(index)"
            try AtomicFile.write(data, to: directory + "/" + name, mode: 0o600)
            entry.existed = true
            entry.mode = UInt32(st.st_mode & 0o7777)
            entry.uid = st.st_uid
            entry.gid = st.st_gid
            entry.backup = name
            entry.beforeHash = FileHash.of(data)
        }
        manifest.files.append(entry)
        try save()
    }

    /// Copies a domain's persistent definition (INACTIVE|SECURE, with secrets) into the journal.
    public mutating func backUpDomain(name: String, uuid: String, xml: String) throws {
        guard !manifest.domains.contains(where: { $0.name == name }) else { return }
        let file = "domains/\(manifest.domains.count).xml"
        try AtomicFile.write(Data(xml.utf8), to: directory + "/" + file, mode: 0o600)
        manifest.domains.append(JournalDomain(name: name, uuid: uuid, backup: file, beforeHash: FileHash.of(Data(xml.utf8)), afterHash: nil))
        try save()
    }

    public mutating func setStatus(_ status: JournalManifest.Status) throws {
        manifest.status = status
        try save()
    }

    public mutating func recordAfter(file hostPath: String, hash: String) throws {
        if let i = manifest.files.firstIndex(where: { $0.path == hostPath }) { manifest.files[i].afterHash = hash }
        try save()
    }

    public mutating func recordAfter(domain name: String, hash: String) throws {
        if let i = manifest.domains.firstIndex(where: { $0.name == name }) { manifest.domains[i].afterHash = hash }
        try save()
    }

    public func backupData(_ relative: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: directory + "/" + relative) else {
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
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw ApplyError.io("cannot create '\(path)'", errno)
        }
    }
}

/// What a journal records.
public struct JournalManifest: Codable, Sendable {
    public enum Kind: String, Codable, Sendable { case apply, rollback }
    /// `started`: backups are being taken or writes are under way; `written`: every write done;
    /// `verified`: the re-plan was empty; `failed`: stopped with an error (see the CLI output).
    public enum Status: String, Codable, Sendable { case started, written, verified, failed }

    public var formatVersion = 1
    public var id: String
    public var kind: Kind
    public var createdAt: String
    public var connectURI: String
    public var root: String
    public var planDigest: String?
    public var status: Status
    public var files: [JournalFile]
    public var domains: [JournalDomain]
}

public struct JournalFile: Codable, Sendable {
    public var path: String
    public var existed: Bool
    public var mode: UInt32?
    public var uid: UInt32?
    public var gid: UInt32?
    public var backup: String?
    public var beforeHash: String
    public var afterHash: String?
}

public struct JournalDomain: Codable, Sendable {
    public var name: String
    public var uuid: String
    public var backup: String
    public var beforeHash: String
    public var afterHash: String?
}
