import Compiler
import Digests
import Foundation
import Host
import Planner

/// Reads the config keys a policy needs through one Augeas tree with only the needed lenses
/// loaded, under a root directory (`/` on a host, a sandbox in tests). A file that Augeas cannot
/// parse is an error naming the file and line, never a silent skip.
public struct ConfigReader {
    public let root: String
    public let key: FingerprintKey

    public init(root: String, key: FingerprintKey) {
        self.root = root
        self.key = key
    }

    /// The load for `kind` restricted to the one file `hostPath` (for writing it).
    public static func load(for kind: ConfigFile, only hostPath: String) -> AugeasLoad {
        let all = load(for: kind)
        return AugeasLoad(name: all.name, lens: all.lens, includes: [hostPath])
    }

    public static func load(for kind: ConfigFile) -> AugeasLoad {
        switch kind {
        case .qemuConf: return .qemuConf
        case .libvirtdConf: return .libvirtdConf
        case .sysctl: return .sysctl
        case .modprobe: return .modprobe
        case .grub: return .grubDefault
        }
    }

    public func read(_ query: ConfigQuery) throws -> [ConfigFile: ObservedFile] {
        guard !query.isEmpty else { return [:] }
        let kinds = query.keys.keys.sorted { $0.rawValue < $1.rawValue }
        let tree: AugeasTree
        do {
            tree = try AugeasTree(root: root, loads: kinds.map(Self.load(for:)))
        } catch let error as AugeasError {
            throw PlanError.configFile(error.problems)
        }
        var out: [ConfigFile: ObservedFile] = [:]
        for kind in kinds {
            let paths = HostPaths(root: root)
            let files = paths.files(for: kind)
            var fingerprints: [String: Fingerprint] = [:]
            for file in files { fingerprints[file] = paths.fingerprint(file, key: key) }
            fingerprints[kind.writablePath] = paths.fingerprint(kind.writablePath, key: key)
            var entries: [String: ConfigEntry] = [:]
            for key in query.keys[kind] ?? [] {
                entries[key] = try entry(key, in: files, tree: tree)
            }
            out[kind] = ObservedFile(kind: kind, fingerprints: fingerprints, entries: entries)
        }
        return out
    }

    /// The effective definition of `key`: the last one in load order (later files override).
    private func entry(_ key: String, in files: [String], tree: AugeasTree) throws -> ConfigEntry {
        var result = ConfigEntry(key: key)
        do {
            for file in files {
                let nodes = try tree.match("/files\(file)/\(key)")
                guard let node = nodes.last else { continue }
                let children = try tree.match("\(node)/*")
                let numbered = children.filter { $0.split(separator: "/").last.map { $0.allSatisfy(\.isNumber) } ?? false }
                var items: [String]?
                let nodeValue = try tree.get(node)
                if !numbered.isEmpty || nodeValue == nil {
                    items = try numbered.map { try tree.get($0) ?? "" }
                }
                result = ConfigEntry(
                    key: key, present: true, value: nodeValue, items: items,
                    definedIn: file, line: tree.line(of: node))
            }
        } catch let error as AugeasError {
            throw PlanError.configFile(error.problems)
        }
        return result
    }
}

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
