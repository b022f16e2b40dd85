import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// One apply at a time; a lock left by a dead process is taken over.
@Suite struct ApplyLockTests {
    func tempState() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hvharden-lock-\(UUID().uuidString)").path
    }

    @Test func secondLockFailsAndNamesTheHolder() throws {
        let state = tempState()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let first = try ApplyLock(stateDirectory: state, host: nil, command: "hvharden apply")
        #expect {
            _ = try ApplyLock(stateDirectory: state, host: nil, command: "hvharden apply")
        } throws: { error in
            "\(error)".contains("pid \(getpid())")
        }
        first.release()
        try ApplyLock(stateDirectory: state, host: nil, command: "hvharden apply").release()
    }

    @Test func lockOfAKilledProcessIsTakenOver() throws {
        let state = tempState()
        defer { try? FileManager.default.removeItem(atPath: state) }
        try StateDirectory.ensure(state)
        // Another process holds the lock file the way a running hvharden would, then dies by SIGKILL.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); time.sleep(60)", state + "/lock"]
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        var held = false
        for _ in 0..<100 {
            do { try ApplyLock(stateDirectory: state, host: nil, command: "probe").release() } catch { held = true; break }
            usleep(20_000)
        }
        #expect(held, "the holder process never took the lock")
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        var taken = false
        for _ in 0..<100 {
            if let lock = try? ApplyLock(stateDirectory: state, host: nil, command: "hvharden apply") { lock.release(); taken = true; break }
            usleep(50_000)
        }
        #expect(taken)
    }
}
