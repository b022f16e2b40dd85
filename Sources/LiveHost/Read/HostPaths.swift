import Digests
import Foundation
import Compiler
import Planner

/// Host file locations under a root, in the order the system reads them.
public struct HostPaths {
    public let root: String

    public init(root: String) { self.root = root }

    /// Existing files of a kind, in load order: sysctl reads /etc/sysctl.d/*.conf by name and
    /// /etc/sysctl.conf last; modprobe reads /etc/modprobe.d/*.conf by name.
    public func files(for kind: ConfigFile) -> [String] {
        switch kind {
        case .sysctl: return confFiles(in: "/etc/sysctl.d") + existing(["/etc/sysctl.conf"])
        case .modprobe: return confFiles(in: "/etc/modprobe.d")
        default: return [kind.writablePath]
        }
    }

    /// The keyed fingerprint of a host file's bytes; `.absent` when there is no such file.
    public func fingerprint(_ hostPath: String, key: FingerprintKey) -> Fingerprint {
        guard let data = FileManager.default.contents(atPath: onDisk(hostPath)) else { return .absent }
        return .digest(key.fingerprint(data))
    }

    public func onDisk(_ hostPath: String) -> String {
        root == "/" || root.isEmpty ? hostPath : (root.hasSuffix("/") ? String(root.dropLast()) : root) + hostPath
    }

    private func confFiles(in dir: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: onDisk(dir))) ?? []
        return names.filter { $0.hasSuffix(".conf") && !$0.hasPrefix(".") }.sorted().map { "\(dir)/\($0)" }
    }

    private func existing(_ paths: [String]) -> [String] {
        paths.filter { FileManager.default.fileExists(atPath: onDisk($0)) }
    }
}
