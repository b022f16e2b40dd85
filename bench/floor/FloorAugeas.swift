import CAugeas
import Foundation

/// The floor's Augeas reads: one handle under the root with no lens loaded, each of the plan's
/// file kinds mapped to its lens and files (`aug_transform`), one `aug_load`, and every key of
/// the plan looked up in the files of its kind.
struct FloorAugeas {
    let root: String

    /// Lens and file globs of each kind, as hvharden reads them (the main file and the drop-ins).
    /// `valueChild`: the lens keeps a setting's value in a `value` node below its name (Systemd).
    static let files: [String: (lens: String, globs: [String], valueChild: Bool)] = [
        "qemu.conf": ("Libvirtd_qemu.lns", ["/etc/libvirt/qemu.conf"], false),
        "libvirtd.conf": ("Libvirtd.lns", ["/etc/libvirt/libvirtd.conf"], false),
        "virtqemud.conf": ("Libvirtd.lns", ["/etc/libvirt/virtqemud.conf"], false),
        "virtproxyd.conf": ("Libvirtd.lns", ["/etc/libvirt/virtproxyd.conf"], false),
        "virtlogd.conf": ("Virtlogd.lns", ["/etc/libvirt/virtlogd.conf"], false),
        "sysctl": ("Sysctl.lns", ["/etc/sysctl.conf", "/etc/sysctl.d/*.conf", "/usr/lib/sysctl.d/*.conf"], false),
        "modprobe": ("Modprobe.lns", ["/etc/modprobe.d/*.conf", "/usr/lib/modprobe.d/*.conf"], false),
        "grub": ("Shellvars.lns", ["/etc/default/grub"], false),
        "coredump": ("Systemd.lns", ["/etc/systemd/coredump.conf", "/etc/systemd/coredump.conf.d/*.conf", "/usr/lib/systemd/coredump.conf.d/*.conf"], true),
    ]

    /// How many of the keys have a value in some file.
    func read(_ keys: [String: [String]]) throws -> Int {
        let flags = AUG_NO_LOAD.rawValue | AUG_NO_MODL_AUTOLOAD.rawValue
        guard let augeas = aug_init(root, nil, flags) else { throw BenchError("aug_init failed under '\(root)'") }
        defer { aug_close(augeas) }
        for kind in keys.keys.sorted() {
            guard let (lens, globs, _) = Self.files[kind] else { throw BenchError("no lens for file kind '\(kind)'") }
            for glob in globs where aug_transform(augeas, lens, glob, 0) < 0 {
                throw BenchError("aug_transform \(lens) \(glob) failed")
            }
        }
        guard aug_load(augeas) == 0 else { throw BenchError("aug_load failed under '\(root)'") }
        var found = 0
        for (kind, names) in keys {
            let (_, globs, valueChild) = Self.files[kind]!
            let suffix = valueChild ? "/value" : ""
            for name in names where globs.contains(where: { Self.value(augeas, "/files\($0)/\(name)\(suffix)") }) {
                found += 1
            }
        }
        return found
    }

    /// Whether the path matches a node with a value.
    private static func value(_ augeas: OpaquePointer, _ path: String) -> Bool {
        var matches: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = aug_match(augeas, path, &matches)
        guard count > 0, let matches else { return false }
        defer {
            for index in 0..<Int(count) { free(matches[index]) }
            free(matches)
        }
        var text: UnsafePointer<CChar>?
        return aug_get(augeas, matches[0], &text) == 1 && text != nil
    }
}
