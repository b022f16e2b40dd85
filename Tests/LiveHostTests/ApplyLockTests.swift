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

    /// `timeout`: a held lock is waited for, and taken as soon as it is released; one that is
    /// never released fails when the time is up, naming its holder.
    @Test func aLockTimeoutWaitsForTheHolder() throws {
        let state = tempState()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let first = try ApplyLock(stateDirectory: state, host: nil, command: "hvharden apply")
        let started = Date()
        #expect(throws: ApplyError.self) { try ApplyLock(stateDirectory: state, host: nil, command: "second", timeout: 0.5).release() }
        #expect(Date().timeIntervalSince(started) >= 0.5, "gave up before its timeout")
        first.release()
        // Another process holds it for a moment, then lets go.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(0.6)", state + "/lock"]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        _ = out.fileHandleForReading.readData(ofLength: 4)
        let waited = Date()
        let second = try ApplyLock(stateDirectory: state, host: nil, command: "second", timeout: 30)
        let seconds = Date().timeIntervalSince(waited)
        second.release()
        #expect(seconds >= 0.3 && seconds < 10, "took the lock after \(seconds) s")
    }
}
