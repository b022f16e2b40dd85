import Foundation

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

    static func present(_ target: String) -> [String] {
        let dir = (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { name in
            name.count == base.count + 7 && name.hasPrefix(base + ".")
                && name.suffix(6).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }.map { dir + "/" + $0 }
    }
}
