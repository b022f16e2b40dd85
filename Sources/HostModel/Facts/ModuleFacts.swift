/// Out-of-tree kernel modules: loaded ones by their taint flags, installed ones by their files.
/// Enforcing module signatures or lockdown stops unsigned ones from loading at the next boot.
public struct ModuleFacts: Codable, Sendable, Equatable {
    /// `/proc/modules` is readable; false means the loaded modules are unknown.
    public var listed: Bool
    /// Loaded modules whose taint flags (the parenthesised last field of `/proc/modules`)
    /// hold `O`: built outside the kernel tree. Sorted.
    public var outOfTree: [String]
    /// Loaded modules whose flags hold `E`: loaded unsigned (or with an unknown key) by a kernel
    /// that checks signatures. Sorted.
    public var unsigned: [String]
    /// Module files under `/lib/modules/<kernelRelease>/updates` and `/extra` (where DKMS and
    /// vendor packages install), sorted by path; empty when the release is unknown.
    public var installed: [InstalledModule]

    public init(listed: Bool = false, outOfTree: [String] = [], unsigned: [String] = [], installed: [InstalledModule] = []) {
        self.listed = listed
        self.outOfTree = outOfTree
        self.unsigned = unsigned
        self.installed = installed
    }
}

extension ModuleFacts {
    /// The directories below `/lib/modules/<release>` that hold modules from outside the kernel.
    static let extraDirectories = ["updates", "extra"]

    init(reading tree: some FactsSource, kernelRelease: String?) {
        let text = tree.string("/proc/modules")
        var outOfTree: [String] = []
        var unsigned: [String] = []
        for line in (text ?? "").split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let name = fields.first, let last = fields.last, last.hasPrefix("("), last.hasSuffix(")") else { continue }
            if last.contains("O") { outOfTree.append(String(name)) }
            if last.contains("E") { unsigned.append(String(name)) }
        }
        var installed: [InstalledModule] = []
        if let release = kernelRelease, !release.contains("/") {
            for dir in Self.extraDirectories {
                Self.collect(tree, "/lib/modules/\(release)/\(dir)", depth: 0, into: &installed)
            }
        }
        self.init(
            listed: text != nil, outOfTree: outOfTree.sorted(), unsigned: unsigned.sorted(),
            installed: installed.sorted { $0.path < $1.path })
    }

    /// Module files (`.ko`, compressed or not) below `directory`, a few levels deep.
    private static func collect(_ tree: some FactsSource, _ directory: String, depth: Int, into found: inout [InstalledModule]) {
        guard depth < 6 else { return }
        for name in tree.children(directory) {
            let path = "\(directory)/\(name)"
            if tree.isDirectory(path) {
                collect(tree, path, depth: depth + 1, into: &found)
            } else if name.hasSuffix(".ko") || name.contains(".ko.") {
                found.append(InstalledModule(reading: tree, path: path))
            }
        }
    }
}
