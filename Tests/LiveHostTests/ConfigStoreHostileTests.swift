import Foundation
import Testing
@testable import LiveHost
import Planner
import Compiler
import TestSupport
import LiveTestSupport

/// The file store facing hostile roots and values: a failed save reports the file, the tree
/// path and the lens, never the tree (which holds passwords); a root whose name holds Augeas
/// path metacharacters is read and written like any other, and never loses a file's content.
@Suite struct ConfigStoreHostileTests {
    static let qemu = "/etc/libvirt/qemu.conf"
    static let password = "Sup3r-S3cret-vnc"

    func root(named prefix: String, qemu text: String) throws -> Scratch {
        let root = try Scratch(prefix)
        try FileManager.default.createDirectory(atPath: root.path + "/etc/libvirt", withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: root.path + Self.qemu))
        return root
    }

    /// Edits the lens cannot write: a quote inside a quoted string, in a plain key, in the
    /// password key itself, and in a list item.
    static let unwritable: [(FileEdit, String)] = [
        (.set(key: "user", value: "ro\"ot"), "user"),
        (.set(key: "vnc_password", value: "new\"\(password)"), "vnc_password"),
        (.setList(key: "cgroup_device_acl", items: ["/dev/null", "/dev/\"\(password)"]), "cgroup_device_acl"),
    ]

    @Test(arguments: 0..<3)
    func aFailedSaveNamesFilePathAndLensButNeverShowsTheTree(case index: Int) throws {
        let (edit, key) = Self.unwritable[index]
        let text = "vnc_password = \"\(Self.password)\"\nspice_password = \"\(Self.password)-spice\"\nuser = \"qemu\"\n"
        let root = try root(named: "hvh-save-fail", qemu: text)
        let store = ConfigFileStore(root: root.path, key: TestKey.key)
        // A value the lens cannot write (a quote inside a quoted string) makes the save fail.
        let error = try #require(throws: (any Error).self) {
            _ = try store.write(Self.qemu, edits: [AnyEdit(edit)])
        }
        let shown = "\(error)"
        #expect(!shown.contains(Self.password), "the save error shows the tree: \(shown)")
        #expect(shown.contains(Self.qemu))
        #expect(shown.contains("Libvirtd_qemu"))
        #expect(shown.contains(key), "the error should name the tree path it could not write: \(shown)")
        #expect(try String(contentsOfFile: root.path + Self.qemu, encoding: .utf8) == text)
    }

    @Test(arguments: ["hvh-root-'q\"", "hvh-root-a b", "hvh-root-=:@,", "hvh-root-é"])
    func aRootWithOddCharactersIsReadAndWrittenWhole(prefix: String) throws {
        let text = Self.longQemuConf
        let root = try root(named: prefix, qemu: text)
        let store = ConfigFileStore(root: root.path, key: TestKey.key)
        _ = try store.write(Self.qemu, edits: [AnyEdit(FileEdit.set(key: "vnc_listen", value: "127.0.0.1"))])
        let after = try String(contentsOfFile: root.path + Self.qemu, encoding: .utf8)
        #expect(after == text.replacingOccurrences(of: "vnc_listen = \"0.0.0.0\"", with: "vnc_listen = \"127.0.0.1\""))
    }

    /// Augeas reads the root as the start of a file pattern: a root holding a pattern character
    /// is refused by name, before anything is read or written.
    @Test(arguments: ["hvh-root-[x]", "hvh-root-a]b", "hvh-root-*", "hvh-root-?", "hvh-root-{a,b}", "hvh-root-back\\slash"])
    func aRootWithPatternCharactersIsRefusedAndLosesNothing(prefix: String) throws {
        let text = Self.longQemuConf
        let root = try root(named: prefix, qemu: text)
        let store = ConfigFileStore(root: root.path, key: TestKey.key)
        let error = try #require(throws: (any Error).self) {
            _ = try store.write(Self.qemu, edits: [AnyEdit(FileEdit.set(key: "vnc_listen", value: "127.0.0.1"))])
        }
        #expect("\(error)".contains("as the root"), "\(error)")
        #expect(try String(contentsOfFile: root.path + Self.qemu, encoding: .utf8) == text)
        #expect(throws: (any Error).self) { _ = try ConfigReader(root: root.path, key: TestKey.key).read(Self.userQuery) }
    }

    static var longQemuConf: String {
        var lines = (1...400).map { "# comment line \($0)" }
        lines.append("vnc_listen = \"0.0.0.0\"")
        lines.append("user = \"qemu\"")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ConfigStoreHostileTests {
    static let userQuery = ConfigQuery(keys: [.qemuConf: ["user"]])
}
