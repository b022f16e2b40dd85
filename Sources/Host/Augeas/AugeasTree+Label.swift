import CAugeas

extension AugeasTree {
    /// The label of the single node matching `path`, unescaped (`kernel/yama/ptrace_scope` for
    /// the node `.../kernel\/yama\/ptrace_scope`); nil when no node matches.
    /// - Throws: `AugeasError` when several nodes match or the path is malformed. See `aug_label`.
    public func label(_ path: String) throws -> String? {
        var label: UnsafePointer<CChar>?
        let found = try check(aug_label(handle, path, &label), "cannot read the label of '\(path)'")
        // The label belongs to the tree: copy it, never free it.
        return found == 0 ? nil : label.map { String(cString: $0) }
    }
}
