import Foundation

/// Which machine a libvirt URI and a root describe. Host-file and host-fact rules describe the
/// machine at the root; with a remote URI and the local root they would describe the wrong
/// machine, so they are skipped with a note.
public enum HostScope {
    /// The host part of a libvirt URI when it names another machine (`qemu+ssh://h/system`).
    public static func remoteHost(_ uri: String) -> String? {
        guard let components = URLComponents(string: uri), var host = components.host, !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return ["localhost", "127.0.0.1", "::1"].contains(host) ? nil : host
    }

    /// Why host rules are skipped for `connectURI` and `root`, or nil when they are not.
    public static func note(connectURI: String, root: String) -> String? {
        guard root == "/", let host = remoteHost(connectURI) else { return nil }
        return "host-file and host-fact rules skipped: '\(connectURI)' is on host '\(host)'; pass --root with a copy of that host's root to check them"
    }
}
