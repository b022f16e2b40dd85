import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Planner

/// hvharden trusts its state directory (journals it rolls back, the fingerprint key, the lock)
/// only when no one else could have written there: a directory or file that another user owns
/// or may write, or a symbolic link, is refused by name and never followed or written.
@Suite struct TrustedStateTests {
    static let nobody: uid_t = 65534

    func fresh() throws -> (Scratch, String) {
        let scratch = try Scratch("hvh-trust")
        return (scratch, scratch.path + "/state")
    }

    /// Every consumer of the state directory, each of which must refuse an untrusted one.
    static let consumers: [(String, @Sendable (String) throws -> Void)] = [
        ("lock", { try ApplyLock(stateDirectory: $0, host: nil, command: "test").release() }),
        ("fingerprint key", { _ = try FingerprintKeyFile.load(stateDirectory: $0) }),
        ("journal", { _ = try Journal.create(stateDirectory: $0, kind: .apply, connectURI: "test:///default", root: "/", planDigest: nil) }),
    ]

    @Test(arguments: ["group-writable", "world-writable", "owned by nobody", "a symbolic link", "below a world-writable directory"])
    func anUntrustedStateDirectoryIsRefused(how: String) throws {
        let (scratch, state) = try fresh()
        var path = state
        switch how {
        case "group-writable": try StateDirectory.ensure(state); chmod(state, 0o770)
        case "world-writable": try StateDirectory.ensure(state); chmod(state, 0o707)
        case "owned by nobody": try StateDirectory.ensure(state); chown(state, Self.nobody, 0)
        case "a symbolic link":
            try StateDirectory.ensure(scratch.path + "/real")
            try FileManager.default.createSymbolicLink(atPath: state, withDestinationPath: scratch.path + "/real")
        default:
            let open = scratch.path + "/open"
            try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: true)
            chmod(open, 0o777)
            path = open + "/state"
        }
        for (name, use) in Self.consumers {
            #expect(throws: (any Error).self, "the \(name) used a state directory that is \(how)") { try use(path) }
            #expect(!FileManager.default.fileExists(atPath: path + "/fingerprint.key"))
        }
        let error = try #require(throws: (any Error).self) { try StateDirectory.ensure(path) }
        #expect("\(error)".contains("refusing to use"), "\(error)")
    }

    @Test func aPrivateDirectoryUnderStickyTmpIsTrusted() throws {
        let (_, state) = try fresh()
        for (name, use) in Self.consumers { #expect(throws: Never.self, "\(name)") { try use(state) } }
    }

    @Test func aLockFileThatIsALinkIsNeitherFollowedNorTruncated() throws {
        let (scratch, state) = try fresh()
        try StateDirectory.ensure(state)
        let victim = scratch.path + "/victim"
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: state + "/lock", withDestinationPath: victim)
        let error = try #require(throws: (any Error).self) {
            try ApplyLock(stateDirectory: state, host: nil, command: "test").release()
        }
        #expect("\(error)".contains("symbolic link"), "\(error)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
    }

    @Test(arguments: ["manifest owned by nobody", "manifest world-writable", "manifest a link", "journal directory owned by nobody"])
    func aPlantedJournalIsNotRolledBack(how: String) throws {
        let box = try ApplierSandbox()
        let policy = try box.policy()
        _ = try box.apply(box.applier(try box.plan(policy), policy))
        let journal = try Journal.open(stateDirectory: box.state, id: nil)
        let manifest = journal.directory + "/manifest.json"
        switch how {
        case "manifest owned by nobody": chown(manifest, Self.nobody, 0)
        case "manifest world-writable": chmod(manifest, 0o666)
        case "manifest a link":
            try FileManager.default.moveItem(atPath: manifest, toPath: box.directory + "/elsewhere.json")
            try FileManager.default.createSymbolicLink(atPath: manifest, withDestinationPath: box.directory + "/elsewhere.json")
        default: chown(journal.directory, Self.nobody, 0)
        }
        let files = try box.snapshot()
        let error = try #require(throws: (any Error).self) { _ = try box.rollback() }
        #expect("\(error)".contains("refusing to use"), "\(error)")
        #expect(try box.snapshot() == files, "a refused rollback wrote files")
    }
}

/// The fingerprint key made on first use by several commands at once: each gets the one key,
/// none sees a key file created but not yet written, and no temporary file is left.
@Suite struct FingerprintKeyRaceTests {
    @Test func concurrentFirstUsesAgreeOnOneKey() throws {
        for round in 0..<20 {
            let scratch = try Scratch("hvh-keyrace")
            let state = scratch.path + "/state"
            let keys = ParallelWork.map(Array(0..<8), workers: 8) { _ in
                Result { try FingerprintKeyFile.load(stateDirectory: state) }
            }
            let loaded = try keys.map { try $0.get() }
            #expect(Set(loaded.map { $0.fingerprint(Array("x".utf8)) }).count == 1, "round \(round)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: state) == ["fingerprint.key"])
        }
    }
}
