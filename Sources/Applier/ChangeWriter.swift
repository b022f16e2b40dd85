import Compiler
import Foundation
import Host
import Planner

/// Writes a plan's changes: all file edits through one Augeas tree and one save (Augeas writes
/// each file to a temporary file and renames it), then one validated define per domain with all
/// of that domain's edits. Reports which objects were done when something fails.
struct ChangeWriter {
    let plan: Plan
    let store: DomainStore
    let pausePoint: String?

    var fileChanges: [String: [Change]] {
        Dictionary(grouping: plan.changes.filter { !$0.edit.isDomainEdit }, by: { $0.address.file ?? "" })
    }

    var domainChanges: [String: [Change]] {
        Dictionary(grouping: plan.changes.filter { $0.edit.isDomainEdit }, by: { $0.address.domain ?? "" })
    }

    /// Copies every object about to change into the journal, before any write.
    func backUp(into journal: inout Journal) throws {
        let paths = HostPaths(root: plan.root)
        for file in fileChanges.keys.sorted() {
            try journal.backUpFile(hostPath: file, onDisk: paths.onDisk(file))
        }
        for name in domainChanges.keys.sorted() {
            let (uuid, xml) = try store.persistentXML(name: name)
            try journal.backUpDomain(name: name, uuid: uuid, xml: xml)
        }
    }

    func write(journal: inout Journal, pause: (String) -> Void) throws -> (files: [String], domains: [String]) {
        let files = fileChanges.keys.sorted()
        let domains = domainChanges.keys.sorted()
        var done: [String] = []
        let everything = files.map { "file \($0)" } + domains.map { "domain '\($0)'" }
        func failed(_ object: String, _ reason: String) -> ApplyError {
            .writeFailed(object: object, reason: reason, done: done, notDone: everything.filter { !done.contains($0) })
        }

        if !files.isEmpty {
            let paths = HostPaths(root: plan.root)
            let temporaries = AugeasTemporaries(targets: files.map(paths.onDisk))
            do {
                let kinds = Set(files.compactMap(Self.kind(of:)))
                let tree = try AugeasTree(root: plan.root, loads: kinds.sorted { $0.rawValue < $1.rawValue }.map(ConfigReader.load(for:)))
                let editor = ConfigEditor(tree: tree)
                for file in files {
                    for change in fileChanges[file] ?? [] { try editor.apply(change.edit) }
                }
                _ = try tree.save()
            } catch {
                // Augeas saves file by file (each by temporary file and rename): files saved
                // before the failing one are written, and a save that fails after creating its
                // temporary file (disk full) leaves it behind. Remove those; report the truth.
                temporaries.removeNew()
                for file in files where paths.fingerprint(file) != journal.manifest.files.first(where: { $0.path == file })?.beforeHash {
                    try? journal.recordAfter(file: file, hash: paths.fingerprint(file))
                    done.append("file \(file)")
                }
                let notWritten = files.filter { !done.contains("file \($0)") }
                throw failed("files " + notWritten.joined(separator: ", "), (error as? AugeasError).map(Self.describe) ?? "\(error)")
            }
            for file in files {
                try journal.recordAfter(file: file, hash: paths.fingerprint(file))
                done.append("file \(file)")
            }
            pause("after-files")
        }

        for name in domains {
            var defined = false
            do {
                let (_, xml) = try store.persistentXML(name: name)
                let document = try XMLDocument(string: xml)
                try XMLEditor.apply((domainChanges[name] ?? []).map(\.edit), to: document)
                try store.define(xml: document.serialize(), validate: true)
                defined = true
                let (_, after) = try store.persistentXML(name: name)
                try journal.recordAfter(domain: name, hash: FileHash.of(Data(after.utf8)))
            } catch {
                // A connection lost right after the define: the domain is new, only reading it back failed.
                if defined { done.append("domain '\(name)'") }
                let object = defined ? "domain '\(name)' (defined, but not read back)" : "domain '\(name)'"
                throw failed(object, (error as? LibvirtError)?.message ?? "\(error)")
            }
            done.append("domain '\(name)'")
            pause("after-domain")
        }
        return (files, domains)
    }

    static func kind(of file: String) -> ConfigFile? {
        if file.hasPrefix("/etc/sysctl.d/") || file == "/etc/sysctl.conf" { return .sysctl }
        if file.hasPrefix("/etc/modprobe.d/") { return .modprobe }
        return ConfigFile.allCases.first { $0.writablePath == file }
    }

    static func describe(_ error: AugeasError) -> String {
        error.fileErrors.isEmpty ? error.description : error.fileErrors.map(\.description).joined(separator: "; ")
    }
}

/// The temporary files Augeas creates next to each target (`<canonical target>.XXXXXX`, by
/// mkstemp) that did not exist before a save: what a failed save leaves behind.
struct AugeasTemporaries {
    let targets: [String]
    let before: Set<String>

    init(targets onDisk: [String]) {
        targets = onDisk.map { path in
            // Augeas names the temporary after the target's canonical path (symlinks resolved).
            guard let resolved = realpath(path, nil) else { return path }
            defer { free(resolved) }
            return String(cString: resolved)
        }
        before = Set(targets.flatMap(Self.present))
    }

    func removeNew() {
        for path in targets.flatMap(Self.present) where !before.contains(path) { unlink(path) }
    }

    private static func present(_ target: String) -> [String] {
        let dir = (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { name in
            name.count == base.count + 7 && name.hasPrefix(base + ".")
                && name.suffix(6).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }.map { dir + "/" + $0 }
    }
}

/// What must happen after an apply for its changes to take effect. hvharden restarts nothing.
public struct ApplyEffects: Sendable {
    public var daemonsToRestart: [String]
    public var domainsToColdBoot: [String]
    public var hostReboot: Bool
    public var notes: [String]

    public init(plan: Plan) {
        var daemons: Set<String> = []
        var reboot = false
        var notes: Set<String> = []
        for change in plan.changes {
            switch change.effect {
            case .daemonRestart:
                if let kind = change.address.file.flatMap(ChangeWriter.kind(of:)), let d = kind.daemon { daemons.insert(d) }
            case .hostReboot:
                reboot = true
                if change.address.file == ConfigFile.grub.writablePath {
                    notes.insert("regenerate the bootloader configuration (update-grub) before rebooting")
                }
                if change.address.file?.hasPrefix("/etc/modprobe.d/") == true {
                    notes.insert("regenerate the initramfs (update-initramfs -u) if the module loads from it")
                }
                if change.address.file?.hasPrefix("/etc/sysctl") == true {
                    notes.insert("sysctl settings apply now with 'sysctl --system', or at the next boot")
                }
            default: break
            }
        }
        daemonsToRestart = daemons.sorted()
        domainsToColdBoot = Array(Set(plan.changes.filter { $0.effect == .nextDomainBoot }.compactMap(\.address.domain))).sorted()
        hostReboot = reboot
        self.notes = notes.sorted()
    }
}
