import Compiler
import Digests
import Foundation
import Host
import Planner

/// Reads the config keys a policy needs through one Augeas tree with only the needed lenses
/// loaded, under a root directory (`/` on a host, a sandbox in tests). A file that Augeas cannot
/// parse is an error naming the file and line, never a silent skip.
///
/// Each key is read as the program that uses the file reads it: the first definition in
/// qemu.conf and libvirtd.conf (libvirt), the last in /etc/default/grub (shell), and for sysctl
/// and modprobe the last assignment across their drop-in directories in the order
/// systemd-sysctl and modprobe use (`HostPaths.dropIns(for:)`, `SysctlFiles`, `ModprobeFiles`).
public struct ConfigReader {
    public let root: String
    public let key: FingerprintKey

    public init(root: String, key: FingerprintKey) {
        self.root = root
        self.key = key
    }

    /// The load for `kind` restricted to the one file `hostPath` (for writing it).
    public static func load(for kind: ConfigFile, only hostPath: String) -> AugeasLoad {
        load(for: kind, files: [hostPath])
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

    /// The lens of `kind` applied to exactly these files, whatever characters their names hold.
    static func load(for kind: ConfigFile, files: [String]) -> AugeasLoad {
        let all = load(for: kind)
        return AugeasLoad(name: all.name, lens: all.lens, includes: files.map(AugeasPath.literalGlob))
    }

    public func read(_ query: ConfigQuery) throws -> [ConfigFile: ObservedFile] {
        guard !query.isEmpty else { return [:] }
        let paths = HostPaths(root: root)
        let kinds = query.keys.keys.sorted { $0.rawValue < $1.rawValue }
        var dropIns: [ConfigFile: [DropInFile]] = [:]
        var loads: [AugeasLoad] = []
        for kind in kinds {
            guard kind.isMultiFile else {
                loads.append(Self.load(for: kind))
                continue
            }
            let files = try paths.dropIns(for: kind)
            dropIns[kind] = files
            var texts: [String] = []
            for content in files.compactMap(\.content) where !texts.contains(content) { texts.append(content) }
            if !texts.isEmpty { loads.append(Self.load(for: kind, files: texts)) }
        }
        let tree: AugeasTree
        do {
            tree = try AugeasTree(root: root, loads: loads)
        } catch let error as AugeasError {
            throw PlanError.configFile(error.problems)
        }
        var out: [ConfigFile: ObservedFile] = [:]
        for kind in kinds {
            let keys = (query.keys[kind] ?? []).sorted()
            var fingerprints: [String: Fingerprint] = [kind.writablePath: paths.fingerprint(kind.writablePath, key: key)]
            var entries: [String: ConfigEntry] = [:]
            var notes: [String] = []
            do {
                switch kind {
                case .sysctl, .modprobe:
                    let files = dropIns[kind] ?? []
                    for file in files {
                        fingerprints[file.listed] = paths.fingerprint(file.listed, key: key)
                        if let content = file.content { fingerprints[content] = paths.fingerprint(content, key: key) }
                    }
                    if kind == .sysctl {
                        let sysctl = try SysctlFiles(tree: tree, files: files, keys: keys)
                        for key in keys { entries[key] = sysctl.entry(key) }
                        notes = keys.compactMap(sysctl.rereadNote)
                    } else {
                        let modprobe = try ModprobeFiles(tree: tree, files: files, keys: keys)
                        for key in keys { entries[key] = try modprobe.entry(key) }
                    }
                default:
                    let single = SingleFileKeys(tree: tree, kind: kind)
                    for key in keys { entries[key] = try single.entry(key) }
                    notes = keys.compactMap { entries[$0].flatMap(single.duplicateNote) }
                }
            } catch let error as AugeasError {
                throw PlanError.configFile(error.problems)
            }
            out[kind] = ObservedFile(kind: kind, fingerprints: fingerprints, entries: entries, notes: notes)
        }
        return out
    }
}
