import Compiler
import Digests
import Foundation
import Host
import Planner

/// Reads the config keys a policy needs through one Augeas tree with only the needed lenses
/// loaded, under a root directory (`/` on a host, a sandbox in tests). A file that its lens does
/// not parse is left out of the tree and recorded on its kind (`ObservedFile.unparsable`, naming
/// file and line), so the rules of that kind become findings and every other rule is still
/// judged; qemu.conf and the libvirt daemons' files are then read with libvirt's own syntax (`VirConfText`),
/// which accepts forms the lenses lack. Other Augeas failures are errors.
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
        case .virtqemudConf: return .virtqemudConf
        case .virtproxydConf: return .virtproxydConf
        case .virtlogdConf: return .virtlogdConf
        case .sysctl: return .sysctl
        case .modprobe: return .modprobe
        case .grub: return .grubDefault
        case .systemd: return .systemdDropIns
        case .coredump: return .coredump
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
        var loaded: [ConfigFile: [String]] = [:]
        for kind in kinds {
            guard kind.isMultiFile else {
                loaded[kind] = [kind.writablePath]
                continue
            }
            let files = try paths.dropIns(for: kind)
            dropIns[kind] = files
            var texts: [String] = []
            for content in files.compactMap(\.content) where !texts.contains(content) { texts.append(content) }
            loaded[kind] = texts
        }
        var unparsable: [ConfigFile: [AugeasFileError]] = [:]
        let tree = try loadTree(kinds, &loaded, &unparsable)
        var out: [ConfigFile: ObservedFile] = [:]
        for kind in kinds {
            let keys = (query.keys[kind] ?? []).sorted()
            var fingerprints: [String: Fingerprint] = [kind.writablePath: paths.fingerprint(kind.writablePath, key: key)]
            var entries: [String: ConfigEntry] = [:]
            var notes: [String] = []
            do {
                switch kind {
                case .sysctl, .modprobe, .coredump:
                    let files = dropIns[kind] ?? []
                    for file in files {
                        fingerprints[file.listed] = paths.fingerprint(file.listed, key: key)
                        if let content = file.content { fingerprints[content] = paths.fingerprint(content, key: key) }
                    }
                    if kind == .sysctl {
                        let sysctl = try SysctlFiles(tree: tree, files: files, keys: keys)
                        for key in keys { entries[key] = sysctl.entry(key) }
                        notes = keys.compactMap(sysctl.rereadNote)
                    } else if kind == .coredump {
                        let conf = try SystemdConfFiles(kind: kind, tree: tree, files: files, keys: keys)
                        for key in keys { entries[key] = conf.entry(key) }
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
            var readWithoutLens = false
            if let failed = unparsable[kind], kind.usesFirstDefinition,
               let text = try? String(contentsOfFile: root + kind.writablePath, encoding: .utf8) {
                let conf = VirConfText(text)
                entries = conf.entries(keys, file: kind.writablePath)
                readWithoutLens = conf.stoppedAt == nil
                if let line = conf.stoppedAt, !failed.isEmpty {
                    notes.append("\(kind.writablePath):\(line): hvharden's reader of libvirt's syntax stops here too; keys set after it are not seen")
                }
            }
            out[kind] = ObservedFile(
                kind: kind, fingerprints: fingerprints, entries: entries, notes: notes,
                unparsable: (unparsable[kind] ?? []).map(\.description), readWithoutLens: readWithoutLens)
        }
        return out
    }

    /// The tree of the files in `loaded`; a file its lens does not parse is taken out of
    /// `loaded`, recorded in `unparsable` under its kind, and the rest loaded again.
    private func loadTree(
        _ kinds: [ConfigFile], _ loaded: inout [ConfigFile: [String]], _ unparsable: inout [ConfigFile: [AugeasFileError]]
    ) throws -> AugeasTree {
        while true {
            let loads = kinds.compactMap { kind -> AugeasLoad? in
                let files = loaded[kind] ?? []
                if files.isEmpty { return nil }
                return kind.isMultiFile ? Self.load(for: kind, files: files) : Self.load(for: kind)
            }
            do {
                return try AugeasTree(root: root, loads: loads)
            } catch let error as AugeasError {
                let parse = error.fileErrors.filter { $0.kind == "parse_failed" }
                guard !parse.isEmpty, parse.count == error.fileErrors.count else { throw PlanError.configFile(error.problems) }
                var removed = false
                for failure in parse {
                    for kind in kinds where loaded[kind]?.contains(failure.file) == true {
                        loaded[kind]?.removeAll { $0 == failure.file }
                        unparsable[kind, default: []].append(failure)
                        removed = true
                    }
                }
                guard removed else { throw PlanError.configFile(error.problems) }
            }
        }
    }
}
