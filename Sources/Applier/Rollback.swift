import Foundation
import Host
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// Restores what an apply changed, from its journal: every file byte-identical (content, mode,
/// owner; a file the apply created is removed) and every domain redefined from its saved XML.
/// Objects changed by someone else since the apply are refused unless forced. The rollback is
/// itself journaled, so it can be rolled back too.
public struct Rollback {
    public let stateDirectory: String
    public let force: Bool

    public init(stateDirectory: String = StateDirectory.defaultPath, force: Bool = false) {
        self.stateDirectory = stateDirectory
        self.force = force
    }

    public struct Result: Sendable {
        public var applyID: String
        public var rollbackID: String
        public var filesRestored: [String]
        public var domainsRestored: [String]
    }

    public func run(id: String?, store: DomainStore) throws -> Result {
        let lock = try ApplyLock(stateDirectory: stateDirectory, command: "hvharden rollback")
        defer { lock.release() }
        let journal = try Journal.open(stateDirectory: stateDirectory, id: id)
        let manifest = journal.manifest
        let paths = HostPaths(root: manifest.root)

        var files: [JournalFile] = []
        var domains: [(JournalDomain, String)] = []
        var changedSince: [String] = []
        for file in manifest.files {
            let now = paths.fingerprint(file.path)
            if now == file.beforeHash { continue }
            if let after = file.afterHash, after != now { changedSince.append("file \(file.path)") }
            files.append(file)
        }
        for domain in manifest.domains {
            let now: String
            do {
                now = FileHash.of(Data(try store.persistentXML(name: domain.name).xml.utf8))
            } catch let error as LibvirtError where error.codeName == "VIR_ERR_NO_DOMAIN" {
                now = "absent"
            }
            if now == domain.beforeHash { continue }
            if let after = domain.afterHash, after != now { changedSince.append("domain '\(domain.name)'") }
            domains.append((domain, now))
        }
        if !changedSince.isEmpty && !force { throw ApplyError.changedSinceApply(changedSince) }

        var own = try Journal.create(stateDirectory: stateDirectory, kind: .rollback, connectURI: manifest.connectURI, root: manifest.root, planDigest: nil)
        for file in files { try own.backUpFile(hostPath: file.path, onDisk: paths.onDisk(file.path)) }
        for (domain, now) in domains where now != "absent" {
            let (uuid, xml) = try store.persistentXML(name: domain.name)
            try own.backUpDomain(name: domain.name, uuid: uuid, xml: xml)
        }

        for file in files {
            let target = paths.onDisk(file.path)
            if file.existed, let backup = file.backup {
                let owner = file.uid.map { (uid_t($0), gid_t(file.gid ?? 0)) }
                try AtomicFile.write(try journal.backupData(backup), to: target, mode: mode_t(file.mode ?? 0o644), owner: owner)
            } else if unlink(target) != 0 && errno != ENOENT {
                throw ApplyError.io("cannot remove '\(target)'", errno)
            }
            try own.recordAfter(file: file.path, hash: paths.fingerprint(file.path))
        }
        for (domain, _) in domains {
            let xml = String(decoding: try journal.backupData(domain.backup), as: UTF8.self)
            try store.define(xml: xml, validate: false)
            let restored = FileHash.of(Data(try store.persistentXML(name: domain.name).xml.utf8))
            try own.recordAfter(domain: domain.name, hash: restored)
            if restored != domain.beforeHash {
                throw ApplyError.notConverged(["domain '\(domain.name)' (its definition differs from the journal copy after redefining)"])
            }
        }
        try own.setStatus(.verified)
        return Result(applyID: manifest.id, rollbackID: own.manifest.id, filesRestored: files.map(\.path), domainsRestored: domains.map(\.0.name))
    }
}
