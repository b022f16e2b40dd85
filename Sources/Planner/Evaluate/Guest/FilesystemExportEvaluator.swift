import Compiler

/// B2-2: a `<filesystem>` that exports a host directory (type `mount`, the default, with
/// `source/@dir`) is read-only and its directory is an allow-listed one or below it
/// (`allowedSources`). Filesystems backed by an image file, a block device or RAM export no host
/// directory and are not judged here. Never fixed: making an export read-only or removing it
/// can break the guest, so the outcome is a finding.
struct FilesystemExportEvaluator: DomainEvaluator {
    static let name = "filesystem-export"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let allowed = (context.value("allowedSources", of: rule)?.listText ?? []).map(Self.normalised)
        var problems: [String] = []
        for filesystem in try context.document.select("/domain/devices/filesystem") {
            guard (filesystem.attribute("type") ?? "mount") == "mount" else { continue }
            guard let dir = try context.document.strings("source/@dir", relativeTo: filesystem).first else { continue }
            let target = try context.document.strings("target/@dir", relativeTo: filesystem).first.map { " (tag '\($0)')" } ?? ""
            var wrong: [String] = []
            if try context.document.select("readonly", relativeTo: filesystem).isEmpty { wrong.append("writable") }
            if !Self.isBelow(Self.normalised(dir), anyOf: allowed) { wrong.append("not on the allow-list") }
            if !wrong.isEmpty { problems.append("host directory '\(dir)'\(target) is \(wrong.joined(separator: " and "))") }
        }
        if problems.isEmpty { return .compliant }
        return .finding("the domain exports " + problems.joined(separator: "; "))
    }

    /// A path without trailing slashes (`/` stays `/`).
    static func normalised(_ path: String) -> String {
        var p = path
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        return p
    }

    /// Whether `path` is one of `roots` or lies below one, by whole path components.
    static func isBelow(_ path: String, anyOf roots: [String]) -> Bool {
        roots.contains { root in
            path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
        }
    }
}
