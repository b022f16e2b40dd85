import Foundation

/// The executables `swift test` builds next to the test bundle: `hvharden` as users run it,
/// and `hvharden-faults`, the same command line with fault-injection hooks.
public enum Binaries {
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "the binary is not at \(path): build it with 'swift build' (swift test builds it too)"
        }
    }

    /// The build products directory: where the running test executable is.
    public static var products: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    public static func path(_ name: String) throws -> String {
        let path = products.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(path: path) }
        return path
    }

    public static var hvharden: String { get throws { try path("hvharden") } }
    public static var faults: String { get throws { try path("hvharden-faults") } }
}

/// A fresh private temporary directory, removed when the value is released.
public final class Scratch: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(_ label: String = "hvh") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
