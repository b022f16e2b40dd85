/// How `aug_save` writes changed files: the value of the `/augeas/save` node.
///
/// Observed with Augeas 1.14 (and checked by `AugeasSaveModeTests`):
/// - `overwrite`: writes a temporary file beside the original, then renames it over the original
///   (so the file gets a new inode); comments, layout, mode and owner are kept. Files without
///   changes are not touched at all, and a value set to what it already was is not a change.
/// - `backup`: like `overwrite`, but the original is first kept as `<file>.augsave`.
/// - `newfile`: writes `<file>.augnew` and leaves the original alone. It also marks the tree
///   clean, so a later `overwrite` save on the same tree writes nothing.
/// - `noop`: writes nothing and keeps the tree dirty, but still lists in `/augeas/events/saved`
///   the files that would be written; `AugeasTree.pendingFiles()` uses it as a preview.
public enum AugeasSaveMode: String, Sendable, CaseIterable {
    case overwrite
    case backup
    case newfile
    case noop
}
