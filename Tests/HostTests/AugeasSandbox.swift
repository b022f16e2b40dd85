import Foundation
import TestSupport

/// A temporary root directory for Augeas tests, seeded from `Fixtures/augeas` (a copy of the
/// Debian defaults). Never points at the real `/etc`.
struct AugeasSandbox {
    /// The fixture tree, found next to this file (HostTests declares no resources).
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/augeas")

    let root: URL

    /// Copies `files` (paths relative to the fixture root, e.g. `etc/libvirt/qemu.conf`) and
    /// creates `directories` (git keeps no empty ones).
    init(files: [String], directories: [String] = []) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("hvh-augeas-\(UUID().uuidString)")
        for file in files {
            let target = url(file)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(file), to: target)
        }
        for directory in directories {
            try FileManager.default.createDirectory(at: url(directory), withIntermediateDirectories: true)
        }
    }

    var path: String { root.path }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    func write(_ text: String, to relative: String) throws {
        try text.write(to: url(relative), atomically: false, encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: url(relative).path)
    }

    func attributes(_ relative: String) throws -> [FileAttributeKey: Any] {
        try FileManager.default.attributesOfItem(atPath: url(relative).path)
    }

    func setMode(_ mode: Int, of relative: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url(relative).path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
