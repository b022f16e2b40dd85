import Foundation
import Testing
@testable import Applier

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
                try box.applier(plan, policy).apply(connection: box.connection)
            }
            #expect(ReadOnlyRootTests.entries(etc.path) == names, "a temporary file was left or a file appeared")
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
        #expect(text.hasPrefix("cannot write files "), "\(text)")
        for file in full.files { #expect(text.contains(file), "the error does not name \(file): \(text)") }
        #expect(text.contains("No space left on device"), "\(text)")
        #expect(text.contains("done: nothing"), "\(text)")
        #expect(try full.box.snapshot() == full.before, "a file changed on a full file system")
    }

    /// Room for some files and not others: each file is old or new, and `done` says which.
    @Test func partlyFullEtcWritesWholeFilesAndSaysWhich() throws {
        // libvirtd.conf (about 18 KiB, five pages) fits, qemu.conf (about 37 KiB) does not.
        let setup = try applyOnFullEtc(leavingPages: 6)
        defer { setup.etc.unmount() }
        let (box, files, before) = (setup.box, setup.files, setup.before)
        guard case .writeFailed(_, let reason, let done, let notDone) = setup.error else {
            Issue.record("expected a write failure, got: \(setup.error)")
            return
        }
        #expect(reason.contains("No space left on device"), "\(reason)")
        let after = try box.snapshot()
        let written = files.filter { after[$0]?.bytes != before[$0]?.bytes }
        // Whole files only: each written file is what a complete apply writes on a roomy disk.
        let roomy = try ApplierSandbox()
        let policy = try roomy.policy()
        _ = try roomy.applier(try roomy.plan(policy), policy).apply(connection: roomy.connection)
        let full = try roomy.snapshot()
        for file in written { #expect(after[file]?.bytes == full[file]?.bytes, "\(file) is half-written") }
        #expect(!written.isEmpty && written.count < files.count,
                "expected a save that got partway (written: \(written)); the tmpfs sizes need adjusting")
        #expect(done == written.map { "file \($0)" }, "done: \(done), but written: \(written)")
        #expect(Set(notDone).isSuperset(of: files.filter { !written.contains($0) }.map { "file \($0)" }))

        // Free the space, and the journal rolls the written files back.
        try FileManager.default.removeItem(atPath: setup.etc.path + "/filler")
        let rollback = try Rollback(stateDirectory: box.state).run(id: nil, store: LibvirtDomainStore(connection: box.connection))
        #expect(rollback.filesRestored.sorted() == written)
        var restored = try box.snapshot()
        var original = before
        restored["/etc/filler"] = nil
        original["/etc/filler"] = nil
        #expect(restored.mapValues(\.bytes) == original.mapValues(\.bytes))
    }
}
