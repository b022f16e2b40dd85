import CAugeas

extension AugeasTree {
    /// Writes one load under `/augeas/load/<name>`.
    func configure(_ load: AugeasLoad) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        guard !load.name.isEmpty, load.name.allSatisfy(allowed.contains) else {
            throw AugeasError(
                code: Int32(AUG_EBADARG.rawValue),
                message: "Augeas load name '\(load.name)' must be letters, digits, '_' or '-'")
        }
        let base = "/augeas/load/\(load.name)"
        try set("\(base)/lens", load.lens)
        for (index, pattern) in load.includes.enumerated() {
            try set("\(base)/incl[\(index + 1)]", pattern)
        }
    }

    /// Fails if a lens could not be found or compiled, or if any file failed to parse.
    ///
    /// `aug_load` succeeds in both cases: a lens problem is only recorded in
    /// `/augeas/load/<name>/error`, and a file problem in `/augeas/files/<path>/error`.
    func checkLoad() throws {
        for path in try match("/augeas/load/*/error") {
            let name = String(path.dropFirst("/augeas/load/".count).dropLast("/error".count))
            let lens = try get("/augeas/load/\(name)/lens") ?? "?"
            let reason = try get(path) ?? "unknown error"
            throw AugeasError(
                code: Int32(AUG_ENOLENS.rawValue),
                message: "cannot use lens '\(lens)' for load '\(name)': \(reason)")
        }
        let problems = try fileErrors()
        guard problems.isEmpty else {
            let files = problems.map { "'\($0.file)'" }.joined(separator: ", ")
            throw AugeasError(
                code: aug_error(handle),
                message: "Augeas could not load \(files)",
                fileErrors: problems)
        }
    }
}
