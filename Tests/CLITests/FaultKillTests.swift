import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// SIGKILL at any moment leaves every file and every domain either as it was or as a full
/// apply leaves it, never half-written, and the journal rolls everything back byte-identical.
/// Runs the built binary against the real libvirtd (qemu:///system) and a copy of the lab root.
@Suite(.serialized, .tags(.daemon), .enabled(if: DaemonTests.wanted, DaemonTests.skipped)) struct FaultKillTests {
    /// The host before any apply, after a complete one, and how long a complete one takes.
    struct Calibration {
        var old: FaultHostImage
        var new: FaultHostImage
        /// Seconds from start until the apply's journal directory appeared (writes start after it).
        var journalAt: Double
        var duration: Double

        /// Every file an apply writes (Augeas' temporaries are named after these).
        var targets: Set<String> { Set(old.files.keys).union(new.files.keys) }
    }

    /// One complete apply (timed, watching for the journal), then a rollback proving it restores.
    func calibrate(_ lab: FaultLab) throws -> Calibration {
        let old = try lab.image()
        let child = try lab.startApply()
        var journalAt: Double?
        while child.isRunning {
            if journalAt == nil, lab.journalCount() > 0 {
                journalAt = Date().timeIntervalSince(child.started)
            }
            usleep(200)
        }
        let run = try child.wait(timeout: 1)
        try #require(run.status == 0, "the complete apply failed: \(run.stderr)")
        let new = try lab.image()
        for name in lab.names { #expect(new.domains[name] != old.domains[name], "apply did not change domain '\(name)'") }
        #expect(new.files.keys.contains { new.files[$0] != old.files[$0] }, "apply changed no file")
        let back = try lab.rollback()
        try #require(back.status == 0, "rollback after the complete apply failed: \(back.stderr)")
        try #require(try lab.image() == old, "rollback after the complete apply did not restore the host")
        return Calibration(old: old, new: new, journalAt: journalAt ?? run.seconds / 2, duration: run.seconds)
    }

    /// After a kill: nothing half-written, every manifest decodes, and rollback restores the host.
    /// Returns how many objects were in the new state when the kill landed.
    @discardableResult
    func checkKilled(_ lab: FaultLab, _ c: Calibration, _ label: String) throws -> Int {
        // A define sent just before the kill still completes inside libvirtd; let it land.
        usleep(200_000)
        let now = try lab.image()
        let (bad, temporaries) = now.mixed(old: c.old, new: c.new, targets: c.targets)
        #expect(bad.isEmpty, "\(label): half-written objects: \(bad)")
        let manifests = try lab.manifests()
        #expect(manifests.allSatisfy { $0.formatVersion == JournalManifest.currentFormatVersion }, "\(label): a manifest has an unknown format")
        let written = now.files.filter { c.old.files[$0.key] != $0.value && c.new.files[$0.key] == $0.value }.count
            + now.domains.filter { c.old.domains[$0.key] != $0.value }.count

        let back = try lab.rollback()
        #expect(back.status == 0, "\(label): rollback failed: \(back.stderr)")
        if let latest = manifests.filter({ $0.kind == .apply }).map(\.id).max() {
            #expect(back.stdout.contains("Rollback of \(latest) complete"), "\(label): rolled back another apply: \(back.stdout)")
        }
        let restored = try lab.image()
        let left = restored.mixed(old: c.old, new: c.old, targets: c.targets)
        #expect(left.bad.isEmpty, "\(label): not restored by rollback: \(left.bad)")
        // The rollback removes the temporaries the killed save left; it says so.
        #expect(left.augeasTemporaries.isEmpty, "\(label): rollback left the kill's temporaries: \(left.augeasTemporaries)")
        for path in temporaries { #expect(back.stdout.contains("removed \(lab.root + path)"), "\(label): \(back.stdout)") }
        if !temporaries.isEmpty { print("\(label): Augeas temporaries left by the kill, removed by rollback: \(temporaries)") }
        return written
    }

    @Test func killAtEachPausePointLeavesOldOrNewAndRollsBack() throws {
        let lab = try FaultLab()
        let c = try calibrate(lab)
        let files = Set(c.old.files.keys).union(c.new.files.keys).filter { c.old.files[$0] != c.new.files[$0] }

        // Objects are written one at a time in plan order: domains by name, then files by path.
        let order = lab.names.map { (domain: Optional($0), file: String?.none) } + files.sorted().map { (domain: String?.none, file: Optional($0)) }
        let points = [("after-journal", 0), ("after-object-1", 1), ("after-object-\(lab.names.count)", lab.names.count),
                      ("after-object-\(order.count)", order.count)]
        for (point, written) in points {
            let child = try lab.startApply(pauseAt: point)
            try child.waitForStderr("paused at \(point)")
            child.killHard()
            let now = try lab.image()

            // Where each pause sits, the exact state is known: the first `written` objects are new.
            for (index, object) in order.enumerated() {
                let image = index < written ? c.new : c.old
                if let name = object.domain {
                    #expect(now.domains[name] == image.domains[name], "\(point): domain '\(name)'")
                } else if let path = object.file {
                    #expect(now.files[path] == image.files[path], "\(point): file \(path)")
                }
            }
            let latest = try #require(try lab.manifests().filter { $0.kind == .apply }.max { $0.id < $1.id })
            #expect(latest.status == .started, "\(point): a killed apply's journal says \(latest.status)")
            #expect(Set(latest.files.map(\.path)) == files && Set(latest.domains.map(\.name)) == Set(lab.names),
                    "\(point): the journal does not hold every object before the first write")
            try checkKilled(lab, c, point)
        }
    }

    @Test func killAtRandomMomentsNeverLeavesAHalfWrittenObject() throws {
        let lab = try FaultLab()
        let c = try calibrate(lab)
        // A kill before the journal exists only interrupts planning, so two kills in three are
        // timed from the moment this run's journal directory appears, weighted towards its start
        // (backups and writes come first, then the long re-plan); the others from the start of
        // the run, across all of it. Ten kills, fewer (at least five) on a slow, busy machine.
        let window = max(c.duration - c.journalAt, 0.05)
        let loopStart = Date()
        var outcomes: [String] = []
        for iteration in 0..<10 where iteration < 5 || Date().timeIntervalSince(loopStart) < 40 {
            let aimed = iteration % 3 != 0
            let u = Double.random(in: 0...1)
            let delay = aimed ? window * u * u : c.duration * 1.05 * u
            let journals = lab.journalCount()
            let child = try lab.startApply()
            var from = child.started
            if aimed {
                while child.isRunning && lab.journalCount() == journals { usleep(200) }
                from = Date()
            }
            while child.isRunning && Date().timeIntervalSince(from) < delay { usleep(200) }
            let finished = !child.isRunning
            child.killHard()
            let label = "kill \(iteration) \(String(format: "%.3f", delay)) s after \(aimed ? "its journal" : "start")"
            let written = try checkKilled(lab, c, label)
            outcomes.append("\(aimed ? "j+" : "")\(String(format: "%.3f", delay))s:\(finished ? "done" : "\(written) new")")
        }
        print("random kills (journal at \(String(format: "%.3f", c.journalAt)) s, full apply \(String(format: "%.3f", c.duration)) s): "
            + outcomes.joined(separator: ", "))
    }
}
