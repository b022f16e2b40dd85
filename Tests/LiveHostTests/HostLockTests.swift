import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport

/// The host-wide locks: one per root and one per connection, under the lock directory, held
/// whatever the state directory, so two applies on one host never run at once.
@Suite struct HostLockTests {
    func scope(_ locks: String, root: String, connection: String? = "qemu:///system") -> HostLockScope {
        HostLockScope(directory: locks, root: root, connection: connection)
    }

    @Test func twoStateDirectoriesStillShareTheRootsLock() throws {
        let scratch = try Scratch("hvh-hostlock")
        let locks = scratch.path + "/locks", root = scratch.path + "/root"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // The same root by another spelling: a link to it.
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/alias", withDestinationPath: root)
        let first = try ApplyLock(stateDirectory: scratch.path + "/state-a", host: scope(locks, root: root, connection: nil), command: "hvharden apply")
        let error = try #require(throws: ApplyError.self) {
            try ApplyLock(stateDirectory: scratch.path + "/state-b", host: scope(locks, root: scratch.path + "/alias", connection: nil), command: "hvharden apply").release()
        }
        #expect("\(error)".contains(locks + "/root-"), "\(error)")
        #expect("\(error)".contains("pid \(getpid())"), "\(error)")
        first.release()
        try ApplyLock(stateDirectory: scratch.path + "/state-b", host: scope(locks, root: root, connection: nil), command: "hvharden apply").release()
    }

    @Test func twoRootsOnOneConnectionShareTheConnectionsLock() throws {
        let scratch = try Scratch("hvh-hostlock")
        let locks = scratch.path + "/locks"
        for name in ["r1", "r2"] { try FileManager.default.createDirectory(atPath: scratch.path + "/" + name, withIntermediateDirectories: true) }
        let first = try ApplyLock(stateDirectory: scratch.path + "/s1", host: scope(locks, root: scratch.path + "/r1"), command: "hvharden apply")
        let error = try #require(throws: ApplyError.self) {
            try ApplyLock(stateDirectory: scratch.path + "/s2", host: scope(locks, root: scratch.path + "/r2"), command: "hvharden apply").release()
        }
        #expect("\(error)".contains(locks + "/connect-"), "\(error)")
        // The state directory of the refused one was not left locked: its own lock is free again.
        try ApplyLock(stateDirectory: scratch.path + "/s2", host: nil, command: "probe").release()
        first.release()
        // Different roots on different connections do not meet.
        let a = try ApplyLock(stateDirectory: scratch.path + "/s1", host: scope(locks, root: scratch.path + "/r1", connection: "qemu:///system"), command: "a")
        let b = try ApplyLock(stateDirectory: scratch.path + "/s2", host: scope(locks, root: scratch.path + "/r2", connection: "qemu+ssh://other/system"), command: "b")
        a.release()
        b.release()
    }

    @Test func anUntrustedLockDirectoryIsRefused() throws {
        let scratch = try Scratch("hvh-hostlock")
        let locks = scratch.path + "/locks"
        try FileManager.default.createDirectory(atPath: locks, withIntermediateDirectories: true)
        chmod(locks, 0o777)
        let error = try #require(throws: (any Error).self) {
            try ApplyLock(stateDirectory: scratch.path + "/s", host: scope(locks, root: scratch.path), command: "a").release()
        }
        #expect("\(error)".contains("refusing to use '\(locks)'"), "\(error)")
    }
}
