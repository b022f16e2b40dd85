import Foundation
import Testing
@testable import LiveHost
import Planner
import TestSupport
import LiveTestSupport

/// The file store on a sandbox root: writes go through a symbolic link to the file it names,
/// a restore puts that file back with its own mode (the link stays a link), and a link out of
/// the root is refused.
@Suite struct ConfigFileStoreTests {
    static let qemu = "/etc/libvirt/qemu.conf"

    func sandbox() throws -> (Scratch, ConfigFileStore) {
        let root = try Scratch("hvh-store")
        try FileManager.default.createDirectory(atPath: root.path + "/etc/libvirt", withIntermediateDirectories: true)
        return (root, ConfigFileStore(root: root.path, key: TestKey.key))
    }

    @Test func aSymlinkedFileIsWrittenAndRestoredThroughItsTarget() throws {
        let (root, store) = try sandbox()
        let target = root.path + "/etc/libvirt/qemu.conf.real"
        try Data("vnc_listen = \"0.0.0.0\"\n".utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, 0o640)
        try FileManager.default.createSymbolicLink(atPath: root.path + Self.qemu, withDestinationPath: "qemu.conf.real")
        let snapshot = try store.snapshot(Self.qemu)
        #expect(snapshot.attributes["mode"] == "640")

        _ = try store.write(Self.qemu, edits: [AnyEdit(FileEdit.set(key: "vnc_listen", value: "127.0.0.1"))])
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("127.0.0.1"))
        _ = try store.restore(Self.qemu, from: snapshot)

        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.path + Self.qemu) == "qemu.conf.real")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "vnc_listen = \"0.0.0.0\"\n")
        var st = stat()
        #expect(stat(target, &st) == 0 && st.st_mode & 0o777 == 0o640)
        #expect(try store.fingerprint(Self.qemu) == snapshot.fingerprint)
    }

    @Test func aLinkOutOfTheRootIsRefused() throws {
        let (root, store) = try sandbox()
        let outside = try Scratch("hvh-outside")
        try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: outside.path + "/qemu.conf"))
        try FileManager.default.createSymbolicLink(atPath: root.path + Self.qemu, withDestinationPath: outside.path + "/qemu.conf")
        #expect {
            _ = try store.snapshot(Self.qemu)
        } throws: { error in
            "\(error)".contains("outside the root")
        }
        #expect(try String(contentsOfFile: outside.path + "/qemu.conf", encoding: .utf8) == "x = 1\n")
    }

    @Test func aPackagesFileIsNeverWrittenNotEvenThroughALinkFromEtc() throws {
        let (root, store) = try sandbox()
        for dir in ["/usr/lib/sysctl.d", "/etc/sysctl.d"] {
            try FileManager.default.createDirectory(atPath: root.path + dir, withIntermediateDirectories: true)
        }
        let vendor = root.path + "/usr/lib/sysctl.d/50-vendor.conf"
        try Data("kernel.kptr_restrict = 0\n".utf8).write(to: URL(fileURLWithPath: vendor))
        // Absolute, as a host would hold it: resolved inside the root.
        try FileManager.default.createSymbolicLink(atPath: root.path + "/etc/sysctl.d/50-vendor.conf", withDestinationPath: "/usr/lib/sysctl.d/50-vendor.conf")
        let edits = [AnyEdit(FileEdit.set(key: "kernel.kptr_restrict", value: "2"))]
        for name in ["/usr/lib/sysctl.d/50-vendor.conf", "/etc/sysctl.d/50-vendor.conf"] {
            #expect {
                _ = try store.write(name, edits: edits)
            } throws: { error in
                "\(error)".contains("'/usr/lib/sysctl.d/50-vendor.conf' belongs to a package")
            }
        }
        #expect(try String(contentsOfFile: vendor, encoding: .utf8) == "kernel.kptr_restrict = 0\n")
    }

    @Test func aNewFileInAMissingDirectoryIsANamedError() throws {
        let (_, store) = try sandbox()
        #expect {
            _ = try store.write("/etc/modprobe.d/hvharden.conf", edits: [AnyEdit(FileEdit.set(key: "options[. = \"kvm_intel\"]/nested", value: "0"))])
        } throws: { error in
            "\(error)".contains("the directory '/etc/modprobe.d' does not exist")
        }
    }
}
