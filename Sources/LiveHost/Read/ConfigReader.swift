import Compiler
import Digests
import Foundation
import Host
import Planner

/// Reads the config keys a policy needs through one Augeas tree with only the needed lenses
/// loaded, under a root directory (`/` on a host, a sandbox in tests). A file that Augeas cannot
/// parse is an error naming the file and line, never a silent skip.
///
/// qemu.conf and libvirtd.conf are read as libvirt reads them (the first definition of a key)
/// and /etc/default/grub as the shell does (the last): `SingleFileKeys`.
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
            var notes: [String] = []
            let keys = (query.keys[kind] ?? []).sorted()
            if kind.isMultiFile {
                for key in keys { entries[key] = try entry(key, in: files, tree: tree) }
            } else {
                let single = SingleFileKeys(tree: tree, kind: kind)
                do {
                    for key in keys { entries[key] = try single.entry(key) }
                } catch let error as AugeasError {
                    throw PlanError.configFile(error.problems)
                }
                notes = keys.compactMap { entries[$0].flatMap(single.duplicateNote) }
            }
            out[kind] = ObservedFile(kind: kind, fingerprints: fingerprints, entries: entries, notes: notes)
        }
        return out
    }

    /// The effective definition of a sysctl or modprobe `key`: the last one in load order
    /// (later files override).
    private func entry(_ key: String, in files: [String], tree: AugeasTree) throws -> ConfigEntry {
        var result = ConfigEntry(key: key)
        do {
            for file in files {
                let nodes = try tree.match("/files\(file)/\(key)")
                guard let node = nodes.last else { continue }
                let (value, items) = try SingleFileKeys.value(of: node, in: tree)
                result = ConfigEntry(key: key, present: true, value: value, items: items, definedIn: file, line: tree.line(of: node))
            }
        } catch let error as AugeasError {
            throw PlanError.configFile(error.problems)
        }
        return result
    }
}
