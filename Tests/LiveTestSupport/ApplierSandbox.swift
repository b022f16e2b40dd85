import Compiler
import Foundation
import Host
@testable import Planner
@testable import Applier
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import Digests

/// A sandbox for apply tests: a temporary root holding a copy of the lab's /etc, a state
/// directory, and a test-driver connection on the lab's node file (changes stay in memory).
public final class ApplierSandbox {
    public static let repo = Repo.root
    public static let labNode = repo.appendingPathComponent("examples/lab/node.xml").path
    public static let baseline = repo.appendingPathComponent("profiles/nist-800-125a-baseline.yaml").path

    public let directory: String
    public let root: String
    public let state: String
    public let uri: String
    public let connection: LibvirtConnection

    public init(uri: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvharden-apply-\(UUID().uuidString)").path
        root = directory + "/root"
        state = directory + "/state"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let lab = Self.repo.appendingPathComponent("examples/lab/root").path
        for item in ["etc", "proc", "sys", "dev"] {
            try FileManager.default.copyItem(atPath: lab + "/" + item, toPath: root + "/" + item)
        }
        self.uri = uri ?? "test://\(Self.labNode)"
        connection = try LibvirtConnection(uri: self.uri)
    }

    deinit {
        connection.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    public func policy(_ profiles: [String] = [ApplierSandbox.baseline]) throws -> Policy {
        try Compiler.compile(profiles: profiles).policy
    }

    /// The reader and stores over the sandbox's connection (a test-driver connection holds its
    /// domains in memory, so every read and write must go through this one).
    public var session: HostSession { HostSession(connection: connection, connectURI: uri, root: root, key: TestKey.key) }

    /// The host locks of this sandbox, in its own directory.
    public var hostLock: HostLockScope { session.lockScope(directory: directory + "/locks") }

    public func plan(_ policy: Policy, domains: [String] = []) throws -> Plan {
        try Planner.plan(policy: policy, reader: session.reader, domains: DomainSelection(selector: policy.domains, names: domains))
    }

    public func apply(_ applier: Applier) throws -> ApplyResult {
        try applier.apply(stores: session.stores, reader: session.reader)
    }

    public func rollback(id: String? = nil, force: Bool = false) throws -> Rollback.Result {
        try Rollback(stateDirectory: state, hostLock: hostLock, force: force).run(id: id, stores: session.stores)
    }

    public func applier(_ plan: Plan, _ policy: Policy, saved: Bool = false) -> Applier {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let digest = saved ? SHA256.hex(Array((try? encoder.encode(plan)) ?? Data())) : nil
        return Applier(plan: plan, policy: policy, options: ApplyOptions(stateDirectory: state, hostLock: hostLock, savedPlanDigest: digest))
    }

    /// Bytes, inode and mtime of every file under the root's etc, to prove "nothing written".
    public func snapshot() throws -> [String: FileStamp] {
        var out: [String: FileStamp] = [:]
        let base = root + "/etc"
        for case let rel as String in FileManager.default.enumerator(atPath: base)! {
            let path = base + "/" + rel
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            out["/etc/" + rel] = FileStamp(
                bytes: FileManager.default.contents(atPath: path) ?? Data(), inode: UInt64(st.st_ino),
                mtime: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec), mode: UInt32(st.st_mode & 0o7777))
        }
        return out
    }

    public func domainXML(_ name: String) throws -> String {
        try connection.lookup(name: name).persistentXML()
    }
}

public struct FileStamp: Equatable {
    public var bytes: Data
    public var inode: UInt64
    public var mtime: Int64
    public var mode: UInt32
}
