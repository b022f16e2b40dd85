import Foundation

/// Read-only access to a /proc, /sys and /dev tree: what the host-fact values are parsed from.
///
/// The values (`CPUFacts`, `BootFacts`, …) interpret what a source returns; they never touch the
/// file system themselves. `FactsDirectory` in the Host target reads a real directory (`/` on a
/// host, a fake tree in tests); tests of pure code may implement this protocol in memory.
///
/// Every accessor returns nil (or empty) when the entry is missing or unreadable: on a real host
/// many of these files legitimately do not exist (no TPM, no IOMMU), and some sysfs attributes
/// are write-only, so a failed read is an observation ("unknown"), never an error.
public protocol FactsSource: Sendable {
    /// True when the source stands for a real host's `/`; false for a fake tree (where device
    /// nodes may be stood in for by regular files).
    var isHostRoot: Bool { get }
    /// The raw bytes of a file, or nil if it is missing, a directory, or unreadable.
    func data(_ path: String) -> Data?
    /// Whether anything (file, directory, device node or a symlink that resolves) exists.
    func exists(_ path: String) -> Bool
    /// Whether `path` is a directory (following symlinks, as sysfs device links need).
    func isDirectory(_ path: String) -> Bool
    /// The names in a directory, sorted; empty when the directory is missing or unreadable.
    func children(_ path: String) -> [String]
    /// The last path component of a symlink's destination, e.g. "vfio-pci" for a `driver` link.
    func linkName(_ path: String) -> String?
    /// The type of the node at `path`, without following a final symlink.
    func fileType(_ path: String) -> FileAttributeType?
}

extension FactsSource {
    /// The file's text with surrounding whitespace and newlines removed; nil when unreadable.
    /// An empty file gives "" (for example an unset `/sys/class/dmi/id/product_name`).
    public func string(_ path: String) -> String? {
        guard let data = data(path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Like `string`, but an empty file is nil too: for values where "" carries no information.
    public func nonEmptyString(_ path: String) -> String? {
        guard let text = string(path), !text.isEmpty else { return nil }
        return text
    }

    /// A decimal integer file such as `/proc/sys/kernel/tainted`.
    public func int(_ path: String) -> Int? {
        string(path).flatMap { Int($0) }
    }

    /// A kernel boolean parameter: "Y"/"N" (module parameters) or "1"/"0" (most sysfs flags).
    public func bool(_ path: String) -> Bool? {
        switch string(path) {
        case "Y", "y", "1": true
        case "N", "n", "0": false
        default: nil
        }
    }
}
