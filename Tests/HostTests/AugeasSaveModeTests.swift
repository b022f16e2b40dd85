import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

/// What each `/augeas/save` mode does on disk (documented on `AugeasSaveMode`).
@Suite("AugeasSaveMode")
struct AugeasSaveModeTests {
    static let key = "/files/etc/sysctl.conf/kernel.kptr_restrict"
    static let file = "etc/sysctl.conf"

    @Test func overwriteReplacesTheFileAndLeavesNoCopies() throws {
        let sandbox = try AugeasSandbox(files: [Self.file])
        defer { sandbox.remove() }
        let inode = try sandbox.attributes(Self.file)[.systemFileNumber] as? Int
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl])
        try tree.set(Self.key, "2")
        #expect(try tree.save(mode: .overwrite) == ["/etc/sysctl.conf"])
        #expect(try sandbox.read(Self.file).contains("kernel.kptr_restrict = 2\n"))
        // Written through a temporary file and a rename: a new inode, nothing left beside it.
        #expect(try sandbox.attributes(Self.file)[.systemFileNumber] as? Int != inode)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.url("etc").path) == ["sysctl.conf"])
    }

    @Test func backupKeepsTheOriginalAsAugsave() throws {
        let sandbox = try AugeasSandbox(files: [Self.file])
        defer { sandbox.remove() }
        let original = try sandbox.read(Self.file)
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl])
        try tree.set(Self.key, "2")
        #expect(try tree.save(mode: .backup) == ["/etc/sysctl.conf"])
        #expect(try sandbox.read("etc/sysctl.conf.augsave") == original)
        #expect(try sandbox.read(Self.file).contains("kernel.kptr_restrict = 2\n"))
    }

    @Test func newfileWritesAugnewAndMarksTheTreeClean() throws {
        let sandbox = try AugeasSandbox(files: [Self.file])
        defer { sandbox.remove() }
        let original = try sandbox.read(Self.file)
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl])
        try tree.set(Self.key, "2")
        #expect(try tree.save(mode: .newfile) == ["/etc/sysctl.conf"])
        #expect(try sandbox.read(Self.file) == original)
        #expect(try sandbox.read("etc/sysctl.conf.augnew").contains("kernel.kptr_restrict = 2\n"))
        // The trap: the change now counts as saved, so overwrite writes nothing.
        #expect(try tree.save(mode: .overwrite).isEmpty)
        #expect(try sandbox.read(Self.file) == original)
    }

    @Test func noopWritesNothingAndKeepsTheTreeDirty() throws {
        let sandbox = try AugeasSandbox(files: [Self.file])
        defer { sandbox.remove() }
        let original = try sandbox.read(Self.file)
        let tree = try AugeasTree(root: sandbox.path, loads: [.sysctl])
        try tree.set(Self.key, "2")
        #expect(try tree.save(mode: .noop) == ["/etc/sysctl.conf"])
        #expect(try sandbox.read(Self.file) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.url("etc").path) == ["sysctl.conf"])
        // pendingFiles() restores the previous mode; this save() is a real one.
        #expect(try tree.pendingFiles() == ["/etc/sysctl.conf"])
        #expect(try tree.get("/augeas/save") == "noop")
        #expect(try tree.save() == ["/etc/sysctl.conf"])
        #expect(try sandbox.read(Self.file).contains("kernel.kptr_restrict = 2\n"))
    }
}
