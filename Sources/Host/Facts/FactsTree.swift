import Foundation

/// Read-only access to /proc and /sys below a chosen root directory.
///
/// Every accessor returns nil (or empty) when the file is missing or unreadable: on a real host
/// many of these files legitimately do not exist (no TPM, no IOMMU, a kernel without
/// `tpm_version_major`), and some sysfs attributes are write-only, so a failed read is an
/// observation ("unknown"), never an error.
struct FactsTree: Sendable {
    /// The root all absolute paths are resolved under, without a trailing slash ("" for "/").
    let root: String

    init(root: String) {
        var trimmed = root
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    /// The real location of `path` (an absolute path as seen on the host) under the root.
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? root + path : root + "/" + path
    }

    /// The raw bytes of a file, or nil if it is missing, a directory, or unreadable.
    func data(_ path: String) -> Data? {
        // FileManager.contents reads to EOF, which matters here: /proc files report a size of 0
        // and sysfs attributes a size of 4096 whatever their content.
        FileManager.default.contents(atPath: resolve(path))
    }

    /// The file's text with surrounding whitespace and newlines removed; nil when unreadable.
    /// An empty file gives "" (for example an unset `/sys/class/dmi/id/product_name`).
    func string(_ path: String) -> String? {
        guard let data = data(path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Like `string`, but an empty file is nil too: for values where "" carries no information.
    func nonEmptyString(_ path: String) -> String? {
        guard let text = string(path), !text.isEmpty else { return nil }
        return text
    }

    /// A decimal integer file such as `/proc/sys/kernel/tainted`.
    func int(_ path: String) -> Int? {
        string(path).flatMap { Int($0) }
    }

    /// A kernel boolean parameter: "Y"/"N" (module parameters) or "1"/"0" (most sysfs flags).
    func bool(_ path: String) -> Bool? {
        switch string(path) {
        case "Y", "y", "1": true
        case "N", "n", "0": false
        default: nil
        }
    }

    /// Whether anything (file, directory, device node or a symlink that resolves) exists.
    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: resolve(path))
    }

    /// Whether `path` is a directory (following symlinks, as sysfs device links need).
    func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: resolve(path), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The names in a directory, sorted; empty when the directory is missing or unreadable.
    func children(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: resolve(path))) ?? []).sorted()
    }

    /// The last path component of a symlink's destination, e.g. "vfio-pci" for a `driver` link.
    ///
    /// Real sysfs links are relative (`../../../bus/pci/drivers/vfio-pci`); fake trees may use
    /// absolute targets inside the root. Only the final component carries the fact, so both work,
    /// and the target does not even have to exist.
    func linkName(_ path: String) -> String? {
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: resolve(path))
        else { return nil }
        let name = URL(fileURLWithPath: destination).lastPathComponent
        return name.isEmpty || name == "/" ? nil : name
    }

    /// The type of the node at `path`, without following a final symlink.
    func fileType(_ path: String) -> FileAttributeType? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolve(path))
        return attributes?[.type] as? FileAttributeType
    }
}
