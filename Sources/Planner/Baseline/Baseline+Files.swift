import Foundation

/// One profile to write: a path, or nil for standard output, and its YAML text.
public struct BaselineFile: Sendable, Hashable {
    public var path: String?
    public var text: String
    /// The host whose profile this is; nil for the shared baseline.
    public var host: String?
    /// How many waivers the file holds.
    public var waivers: Int

    public init(path: String?, text: String, host: String? = nil, waivers: Int = 0) {
        self.path = path
        self.text = text
        self.host = host
        self.waivers = waivers
    }
}

extension Baseline {
    /// The profiles to write, shared baseline first.
    ///
    /// - With `outDir`: the shared profile at `out` (default `OUTDIR/NAME.yaml`) and one
    ///   `OUTDIR/HOST.yaml` per host, extending the shared one by a relative path and holding that
    ///   host's waivers. Every host gets its file, waivers or not, so each host is planned the same way.
    /// - Without it: only the shared profile, at `out` or on standard output (path nil). A single
    ///   host's waivers are then written into it; several hosts that need waivers are an error,
    ///   because a waiver in a shared profile would excuse every host.
    ///
    /// A parent given as a file is written relative to the shared profile's directory (the
    /// working directory for standard output), the way `extends` resolves it.
    public func files(out: String?, outDir: String?) throws(BaselineError) -> [BaselineFile] {
        let text = BaselineProfileText(baseline: self)
        let sharedPath = out ?? outDir.map { Self.join($0, "\(name).yaml") }
        let sharedDirectory = sharedPath.map { ($0 as NSString).deletingLastPathComponent } ?? "."
        let parent = extends.map { extendsIsFile ? Self.pathEntry(Self.relative($0, from: sharedDirectory)) : $0 }
        guard let outDir else {
            if hosts.count == 1 {
                return [BaselineFile(path: sharedPath, text: text.shared(extends: parent, waivers: hosts[0].waivers),
                                     waivers: hosts[0].waivers.count)]
            }
            let needing = hostsWithWaivers
            guard needing.isEmpty else { throw .waiversNeedOutDir(needing) }
            return [BaselineFile(path: sharedPath, text: text.shared(extends: parent))]
        }
        var files = [BaselineFile(path: sharedPath, text: text.shared(extends: parent))]
        let sharedAbsolute = Self.absolute(sharedPath!)
        for host in hosts {
            let path = Self.join(outDir, "\(host.name).yaml")
            guard Self.absolute(path) != sharedAbsolute else { throw .fileClash(path, host: host.name) }
            let entry = Self.pathEntry(Self.relative(sharedPath!, from: outDir))
            files.append(BaselineFile(path: path, text: text.host(host, extends: entry), host: host.name, waivers: host.waivers.count))
        }
        return files
    }

    /// A relative path as an `extends` entry that reads as a file, never as a shipped profile's
    /// name: the Compiler takes an entry with a '/' or a `.yaml`/`.yml` suffix for a path.
    static func pathEntry(_ path: String) -> String {
        path.contains("/") || path.hasSuffix(".yaml") || path.hasSuffix(".yml") ? path : "./" + path
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `target` relative to `directory` (both resolved against the working directory), e.g.
    /// `../profiles/site.yaml`.
    static func relative(_ target: String, from directory: String) -> String {
        let to = absolute(target).split(separator: "/")
        let from = absolute(directory).split(separator: "/")
        var common = 0
        while common < to.count, common < from.count, to[common] == from[common] { common += 1 }
        let up = Array(repeating: "..", count: from.count - common)
        let parts = up + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
