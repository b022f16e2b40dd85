import Foundation

/// Mistakes in a `--connect` URI that libvirt reports confusingly, caught before connecting: a
/// test-driver URI with two slashes (libvirt reads the first path component as a host and
/// tries TLS), a test-driver node file that does not exist; and, after a failed connection,
/// the hint an unprivileged user needs.
enum ConnectionURI {
    /// Why `uri` cannot work, before libvirt is asked; nil when it may.
    static func problem(_ uri: String) -> String? {
        guard let components = URLComponents(string: uri), components.scheme == "test" else { return nil }
        if let host = components.host, !host.isEmpty {
            let absolute = FileManager.default.currentDirectoryPath + "/" + host + components.path
            return "the test driver names its node file by absolute path, with three slashes: 'test:///ABSOLUTE/PATH.xml' "
                + "('\(uri)' reads '\(host)' as a host name); did you mean 'test://\(absolute)'?"
        }
        let path = components.path
        guard path != "/default", !path.isEmpty else { return nil }
        return FileManager.default.fileExists(atPath: path) ? nil : "the test driver's node file '\(path)' does not exist"
    }

    /// What to add to a connection failure: the privilege it may lack.
    static func hint(_ uri: String) -> String {
        guard geteuid() != 0, uri.hasPrefix("qemu:///system") || uri.hasPrefix("qemu+unix:///system") else { return "" }
        return " (qemu:///system needs root, or membership of the libvirt group: run as root, e.g. with sudo)"
    }
}
