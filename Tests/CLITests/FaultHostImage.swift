import Foundation
#if canImport(Glibc)
import Glibc
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests
#endif

/// What a fault test compares: the bytes of every regular file under the sandbox root's /etc
/// and the persistent XML of every sandbox domain, at one moment.
struct FaultHostImage: Equatable {
    /// Host path ("/etc/...") → bytes.
    var files: [String: Data]
    /// Domain name → persistent definition (INACTIVE|SECURE).
    var domains: [String: String]

    static func capture(root: String, domains names: [String], xml: (String) throws -> String) throws -> FaultHostImage {
        var files: [String: Data] = [:]
        let base = root + "/etc"
        for case let relative as String in FileManager.default.enumerator(atPath: base)! {
            var st = stat()
            guard lstat(base + "/" + relative, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            files["/etc/" + relative] = FileManager.default.contents(atPath: base + "/" + relative) ?? Data()
        }
        return FaultHostImage(files: files, domains: try Dictionary(uniqueKeysWithValues: names.map { ($0, try xml($0)) }))
    }

    /// Every object that is neither as in `old` nor as in `new` (a half-written file, a file
    /// nobody should have written, a domain in a third state), described for a failure message.
    /// Augeas' own temporary files (`<target>.XXXXXX` for one of `targets`, left when a save is
    /// killed before its rename) are not the target and are returned apart.
    func mixed(old: FaultHostImage, new: FaultHostImage, targets: Set<String>) -> (bad: [String], augeasTemporaries: [String]) {
        var bad: [String] = []
        var temporaries: [String] = []
        for path in Set(files.keys).union(old.files.keys).union(new.files.keys).sorted() {
            let now = files[path]
            if now == old.files[path] || now == new.files[path] { continue }
            if old.files[path] == nil && new.files[path] == nil && Self.isAugeasTemporary(path, of: targets) {
                temporaries.append(path)
                continue
            }
            bad.append("file \(path): \(Self.describe(now)) (old: \(Self.describe(old.files[path])), new: \(Self.describe(new.files[path])))")
        }
        for name in Set(domains.keys).union(old.domains.keys).sorted() {
            let now = domains[name]
            if now != old.domains[name] && now != new.domains[name] { bad.append("domain '\(name)' is neither the old nor the new definition") }
        }
        return (bad, temporaries)
    }

    /// Augeas writes `<canonical target>.XXXXXX` (mkstemp) next to the target, then renames it.
    static func isAugeasTemporary(_ path: String, of targets: Set<String>) -> Bool {
        targets.contains { target in
            guard path.hasPrefix(target + "."), path.count == target.count + 7 else { return false }
            return path.suffix(6).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    private static func describe(_ data: Data?) -> String {
        data.map { "\($0.count) bytes" } ?? "absent"
    }
}
