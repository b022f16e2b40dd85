import Applier
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The temporary files written next to a host file on its way to disk: Augeas's
/// (`<canonical target>.XXXXXX`, from mkstemp, renamed over the target by a save) and
/// hvharden's own (`.<name>.hvharden-XXXXXX`, from `AtomicFile`, renamed over it by a restore).
/// A process killed between creating one and renaming it leaves it behind.
enum FileTemporaries {
    /// The temporaries of `target` (a path on disk, links already resolved) that exist now.
    static func present(_ target: String) -> [Leftover] {
        let dir = (target as NSString).deletingLastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { belongs($0, to: target) }.compactMap { name in
            let path = dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
            let modified = Date(timeIntervalSince1970: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
            return Leftover(path: path, modified: modified)
        }
    }

    /// Whether `name`, in the target's directory, is one of the target's temporaries.
    static func belongs(_ name: String, to target: String) -> Bool {
        let base = (target as NSString).lastPathComponent
        func random(_ suffix: Substring) -> Bool {
            suffix.count == 6 && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        if name.hasPrefix(base + "."), random(name.dropFirst(base.count + 1)) { return true }
        return AtomicFile.isTemporary(name) && name.count == base.count + 17 && name.hasPrefix("." + base + ".hvharden-")
    }
}
