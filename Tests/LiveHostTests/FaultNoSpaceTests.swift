import Foundation
import Testing
@testable import Applier
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// A full file system during the save: a clear error, every file either old or new (Augeas
/// writes each through a temporary file and rename), no temporary file left behind, and an
/// error that lists exactly the files that were written.
@Suite struct FaultNoSpaceTests {
    /// The lab with /etc on a small tmpfs, filled up, after an apply that failed there.
    struct FullEtc {
        var box: ApplierSandbox
        var etc: FaultTmpfs
        var files: [String]
        var error: ApplyError
        var before: [String: FileStamp]
    }

    /// Applies the lab's plan with only `pages` free pages left in /etc; the caller unmounts.
    func applyOnFullEtc(leavingPages pages: Int) throws -> FullEtc {
        let box = try ApplierSandbox()
        let etc = try FaultTmpfs(at: box.root + "/etc", kilobytes: 256)
        do {
            let policy = try box.policy()
            let plan = try box.plan(policy)
            let files = Array(Set(plan.changes.compactMap(\.address.file))).sorted()
            try #require(!files.isEmpty, "the lab plan should change files")
            try etc.fill(leaving: pages)
            let before = try box.snapshot()
            let names = ReadOnlyRootTests.entries(etc.path)
            let error = try #require(throws: ApplyError.self) {
                try box.applier(plan, policy).apply(stores: box.session.stores, reader: box.session.reader)
            }
            // Nothing vanished, and what appeared is a file the plan creates, whole (never a temporary).
            let after = Set(ReadOnlyRootTests.entries(etc.path))
            // A planned file in a directory hvharden makes for it (coredump.conf.d) brings the directory.
            let created = Set(files.map { String($0.dropFirst("/etc/".count)) }).union(
                files.map { String(($0 as NSString).deletingLastPathComponent.dropFirst("/etc/".count)) }.filter { !$0.isEmpty })
            #expect(Set(names).isSubset(of: after) && after.subtracting(names).isSubset(of: created),
                    "a temporary file was left or an unplanned file appeared: \(after.subtracting(names))")
            return FullEtc(box: box, etc: etc, files: files, error: error, before: before)
        } catch {
            etc.unmount()
            throw error
        }
    }

    @Test func fullEtcIsAClearErrorAndWritesNothing() throws {
        let full = try applyOnFullEtc(leavingPages: 0)
        defer { full.etc.unmount() }
        let text = "\(full.error)"
        for file in full.files { #expect(text.contains("cannot write file \(file): "), "the error does not name \(file): \(text)") }
        #expect(text.contains("No space left on device"), "\(text)")
        // The domains (on libvirt, not on the full file system) were still written.
        guard case .writeFailed(let failed, let done, _) = full.error else {
            Issue.record("expected a write failure, got: \(full.error)")
            return
        }
        #expect(failed.map(\.object) == full.files.map { "file \($0)" })
        // So were the host paths: a mode change needs no room.
        #expect(!done.isEmpty && done.allSatisfy { $0.hasPrefix("domain '") || $0.hasPrefix("path ") }, "\(done)")
        #expect(try full.box.snapshot().mapValues(\.bytes) == full.before.mapValues(\.bytes), "a file changed on a full file system")
    }

    /// Room for some files and not others: each file is old or new, and `done` says which.
    @Test func partlyFullEtcWritesWholeFilesAndSaysWhich() throws {
        // libvirtd.conf (about 18 KiB, five pages) fits, qemu.conf (about 37 KiB) does not.
        let setup = try applyOnFullEtc(leavingPages: 6)
        defer { setup.etc.unmount() }
        let (box, files, before) = (setup.box, setup.files, setup.before)
        guard case .writeFailed(let failed, let done, _) = setup.error else {
            Issue.record("expected a write failure, got: \(setup.error)")
            return
        }
        #expect(failed.allSatisfy { $0.reason.contains("No space left on device") }, "\(failed)")
        let after = try box.snapshot()
        let written = files.filter { after[$0]?.bytes != before[$0]?.bytes }
        // Whole files only: each written file is what a complete apply writes on a roomy disk.
        let roomy = try ApplierSandbox()
        let policy = try roomy.policy()
        _ = try roomy.apply(roomy.applier(try roomy.plan(policy), policy))
        let full = try roomy.snapshot()
        for file in written { #expect(after[file]?.bytes == full[file]?.bytes, "\(file) is half-written") }
        #expect(!written.isEmpty && written.count < files.count,
                "expected a save that got partway (written: \(written)); the tmpfs sizes need adjusting")
        #expect(done.filter { $0.hasPrefix("file ") } == written.map { "file \($0)" }, "done: \(done), but written: \(written)")
        #expect(failed.map(\.object) == files.filter { !written.contains($0) }.map { "file \($0)" })

        // Free the space, and the journal rolls the written files back.
        try FileManager.default.removeItem(atPath: setup.etc.path + "/filler")
        let rollback = try box.rollback(id: nil)
        #expect(rollback.filesRestored.sorted() == written)
        var restored = try box.snapshot()
        var original = before
        restored["/etc/filler"] = nil
        original["/etc/filler"] = nil
        #expect(restored.mapValues(\.bytes) == original.mapValues(\.bytes))
    }
}
