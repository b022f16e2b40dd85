import CAugeas

extension AugeasTree {
    /// The files a save would write now, without writing anything (an `/augeas/save = noop`
    /// save). The tree stays dirty, so a later `save()` still writes them.
    /// - Throws: `AugeasError` with `fileErrors` if a file cannot be rendered through its lens.
    public func pendingFiles() throws -> [String] {
        let previous = try get("/augeas/save") ?? AugeasSaveMode.overwrite.rawValue
        defer { try? set("/augeas/save", previous) }
        return try save(mode: .noop)
    }

    /// Writes every changed file (mode `overwrite`) and returns the host paths written, e.g.
    /// `["/etc/sysctl.d/90-hvharden.conf"]`. A tree without changes writes nothing and returns [].
    /// - Throws: `AugeasError` whose `fileErrors` name each file that could not be written.
    ///   See `aug_save`.
    @discardableResult
    public func save() throws -> [String] {
        try save(mode: .overwrite)
    }

    /// Saves with an explicit mode; see `AugeasSaveMode` for what each one does on disk.
    @discardableResult
    public func save(mode: AugeasSaveMode) throws -> [String] {
        try set("/augeas/save", mode.rawValue)
        // Spans refer to the text that was loaded; once files change, cached bytes are stale.
        fileBytes.removeAll()
        if aug_save(handle) < 0 {
            // Read the handle's error before any other Augeas call resets it.
            let code = aug_error(handle)
            let problems = try fileErrors()
            let files = problems.map { "'\($0.file)'" }.joined(separator: ", ")
            throw AugeasError(
                code: code,
                message: problems.isEmpty ? "Augeas could not save" : "Augeas could not save \(files)",
                fileErrors: problems)
        }
        // aug_save clears /augeas/events/saved first, so these are this save's files only.
        return try match("/augeas/events/saved").compactMap { try get($0) }.map(hostPath)
    }

    /// Every problem currently recorded under `/augeas/files//error`.
    public func fileErrors() throws -> [AugeasFileError] {
        try match("/augeas/files//error").compactMap(fileError)
    }

    /// Reads one `/augeas/files/<path>/error` node; nil for a node that is not an error record
    /// (a file that happens to be called `error` has no value).
    private func fileError(at path: String) throws -> AugeasFileError? {
        guard let kind = try get(path) else { return nil }
        let info = String(path.dropLast("/error".count))
        // `path` holds the file's tree path unescaped; the node label may be escaped.
        let file = try get("\(info)/path").map(hostPath) ?? String(info.dropFirst("/augeas/files".count))
        return AugeasFileError(
            file: file,
            line: try get("\(path)/line").flatMap { Int($0) },
            column: try get("\(path)/char").flatMap { Int($0) }.map { $0 + 1 },
            lens: try get("\(info)/lens"),
            message: Self.withoutTree(try get("\(path)/message") ?? kind),
            kind: kind)
    }

    /// Augeas's messages for a tree it cannot write quote that tree, values included (passwords
    /// too): keep the first line up to the first brace, which names the node and the reason.
    static func withoutTree(_ message: String) -> String {
        var line = message.prefix { $0 != "\n" && $0 != "{" }
        while let last = line.last, last == " " || last == ":" { line.removeLast() }
        return line.isEmpty ? "Augeas could not write the tree through the lens" : String(line)
    }

    /// `/files/etc/x.conf` -> `/etc/x.conf`.
    private func hostPath(_ treePath: String) -> String {
        treePath.hasPrefix("/files/") ? String(treePath.dropFirst("/files".count)) : treePath
    }
}
