import Compiler
import Foundation
import Host
import Planner
@testable import Applier

/// A sandbox for apply tests: a temporary root holding a copy of the lab's /etc, a state
/// directory, and a test-driver connection on the lab's node file (changes stay in memory).
final class ApplierSandbox {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let labNode = repo.appendingPathComponent("examples/lab/node.xml").path
    static let baseline = repo.appendingPathComponent("profiles/nist-800-125a-baseline.yaml").path

    let directory: String
    let root: String
    let state: String
    let uri: String
    let connection: LibvirtConnection

    init(uri: String? = nil) throws {
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

    func policy(_ profiles: [String] = [ApplierSandbox.baseline]) throws -> Policy {
        try Compiler.compile(profiles: profiles).policy
    }

    func plan(_ policy: Policy, domains: [String] = []) throws -> Plan {
        let state = try LiveStateReader(connectURI: uri, root: root, domainNames: domains).read(policy: policy, connection: connection)
        return try Planner.plan(policy: policy, state: state)
    }

    func applier(_ plan: Plan, _ policy: Policy, saved: Bool = false) -> Applier {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let digest = saved ? SHA256.hex(Array((try? encoder.encode(plan)) ?? Data())) : nil
        return Applier(plan: plan, policy: policy, options: ApplyOptions(stateDirectory: state, savedPlanDigest: digest))
    }

    /// Bytes, inode and mtime of every file under the root's etc, to prove "nothing written".
    func snapshot() throws -> [String: FileStamp] {
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

    func domainXML(_ name: String) throws -> String {
        try connection.lookup(name: name).persistentXML()
    }
}

struct FileStamp: Equatable {
    var bytes: Data
    var inode: UInt64
    var mtime: Int64
    var mode: UInt32
}
