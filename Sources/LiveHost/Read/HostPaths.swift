import Compiler
import Digests
import Foundation
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// Host file locations under a root, in the order the system reads them.
public struct HostPaths {
    public let root: String

    public init(root: String) { self.root = root }

    /// The keyed fingerprint of a host file's bytes, links followed inside the root; a link to
    /// /dev/null has the fingerprint of no bytes; `.absent` when there is no such regular file
    /// (nothing is opened that could block, such as a FIFO).
    public func fingerprint(_ hostPath: String, key: FingerprintKey) -> Fingerprint {
        guard let real = RootedPath.resolve(hostPath, paths: self) else { return .absent }
        var st = stat()
        guard stat(onDisk(real), &st) == 0 else { return .absent }
        if RootedPath.isNullDevice(st) { return .digest(key.fingerprint([UInt8]())) }
        guard (st.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: onDisk(real)) else { return .absent }
        return .digest(key.fingerprint(data))
    }

    public func onDisk(_ hostPath: String) -> String {
        root == "/" || root.isEmpty ? hostPath : (root.hasSuffix("/") ? String(root.dropLast()) : root) + hostPath
    }

    /// The files of a drop-in kind (sysctl, modprobe) in the order its program reads them.
    ///
    /// Each directory of `ConfigFile.dropInDirectories` is listed once (a directory that is the
    /// same as an earlier one through a link, as /lib and /usr/lib on a merged-/usr host, is
    /// skipped); a name ending in one of the kind's suffixes and not starting with a dot is taken
    /// from the first directory that has it, and hides the same name in later ones; names are
    /// sorted bytewise, as strcmp sorts them; the kind's trailing file comes last unless a
    /// listed file is already it. A name that leads to /dev/null or nowhere reads as empty, so
    /// it masks; one that is a directory or another non-regular file is an error naming it.
    func dropIns(for kind: ConfigFile) throws -> [DropInFile] {
        var directories: Set<String> = []
        var byName: [String: DropInFile] = [:]
        for directory in kind.dropInDirectories {
            guard let real = RootedPath.resolve(directory, paths: self), directories.insert(real).inserted else { continue }
            var st = stat()
            guard stat(onDisk(real), &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: onDisk(real))
            } catch {
                throw PlanError.configFile(["cannot list '\(directory)': \(error.localizedDescription)"])
            }
            for name in names where !name.hasPrefix(".") && byName[name] == nil && kind.dropInSuffixes.contains(where: { name.hasSuffix($0) }) {
                byName[name] = try dropIn(name: name, listed: directory + "/" + name, kind: kind)
            }
        }
        var files = byName.values.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        if let leading = kind.leadingFile, RootedPath.resolve(leading, paths: self) != nil {
            files.insert(try dropIn(name: String(leading.split(separator: "/").last ?? ""), listed: leading, kind: kind), at: 0)
        }
        if let trailing = kind.trailingFile, RootedPath.resolve(trailing, paths: self) != nil {
            let file = try dropIn(name: String(trailing.split(separator: "/").last ?? ""), listed: trailing, kind: kind)
            if !files.contains(where: { $0.content != nil && $0.content == file.content }) { files.append(file) }
        }
        return files
    }

    private func dropIn(name: String, listed: String, kind: ConfigFile) throws -> DropInFile {
        guard let content = RootedPath.resolve(listed, paths: self), content != "/dev/null" else {
            return DropInFile(name: name, listed: listed, content: nil)
        }
        var st = stat()
        guard stat(onDisk(content), &st) == 0 else { return DropInFile(name: name, listed: listed, content: nil) }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            return DropInFile(name: name, listed: listed, content: content)
        case S_IFCHR where RootedPath.isNullDevice(st):
            return DropInFile(name: name, listed: listed, content: nil)
        default:
            let what = (st.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "not a regular file"
            throw PlanError.configFile([
                "'\(listed)' is \(what), where \(kind.reader) expects a file of settings: remove it or give it a name that does not end in "
                    + kind.dropInSuffixes.joined(separator: " or "),
            ])
        }
    }
}
