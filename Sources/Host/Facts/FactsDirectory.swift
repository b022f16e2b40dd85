import Foundation
import HostModel

/// A `FactsSource` over a directory that stands for `/`: the host's own root in production, a
/// fake tree in tests. Absolute host paths are resolved below it.
public struct FactsDirectory: FactsSource {
    /// The root all absolute paths are resolved under, without a trailing slash ("" for "/").
    public let root: String

    public init(root: String) {
        var trimmed = root
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    public var isHostRoot: Bool { root.isEmpty }

    /// The real location of `path` (an absolute path as seen on the host) under the root.
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? root + path : root + "/" + path
    }

    public func data(_ path: String) -> Data? {
        // FileManager.contents reads to EOF, which matters here: /proc files report a size of 0
        // and sysfs attributes a size of 4096 whatever their content.
        FileManager.default.contents(atPath: resolve(path))
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: resolve(path))
    }

    public func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: resolve(path), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    public func children(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: resolve(path))) ?? []).sorted()
    }

    /// Real sysfs links are relative (`../../../bus/pci/drivers/vfio-pci`); fake trees may use
    /// absolute targets inside the root. Only the final component carries the fact, so both work,
    /// and the target does not even have to exist.
    public func linkName(_ path: String) -> String? {
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: resolve(path))
        else { return nil }
        let name = URL(fileURLWithPath: destination).lastPathComponent
        return name.isEmpty || name == "/" ? nil : name
    }

    public func fileType(_ path: String) -> FileAttributeType? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolve(path))
        return attributes?[.type] as? FileAttributeType
    }
}

/// Reads `HostFacts` from /proc, /sys and /dev below a root directory ("/" in production, a
/// fake tree in tests), and libvirt's network definitions under its /etc through Augeas. Never
/// fails as a whole: see `HostFacts.init(reading:)`.
public struct HostFactsReader: Sendable {
    /// The directory standing in for "/".
    public let root: String

    public init(root: String = "/") { self.root = root }

    public func read() -> HostFacts {
        var facts = HostFacts(reading: FactsDirectory(root: root))
        (facts.network.libvirtNetworks, facts.network.libvirtNetworkProblems) = LibvirtNetworkFiles(root: root).read()
        return facts
    }
}
