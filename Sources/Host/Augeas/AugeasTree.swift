import CAugeas
import Foundation

/// An Augeas tree over a root directory with only the requested lenses loaded.
///
/// Augeas is initialised with `AUG_NO_LOAD | AUG_NO_MODL_AUTOLOAD`, so no lens is compiled and no
/// file is read until the requested loads are set under `/augeas/load` and `aug_load` runs: a few
/// milliseconds instead of the quarter-second a full load costs. Paths passed to the methods are
/// Augeas paths, e.g. `/files/etc/libvirt/qemu.conf/cgroup_device_acl/1`; files are named by their
/// host path under `/files` whatever the root is.
///
/// Not thread-safe (an Augeas handle is not): create one per task and keep it there.
/// See <https://augeas.net/docs/api.html>.
public final class AugeasTree {
    /// The directory Augeas treats as `/`: `/` in production, a temporary directory in tests.
    public let root: String
    /// What was loaded.
    public let loads: [AugeasLoad]

    let handle: OpaquePointer
    /// File bytes read by `line(of:)`, keyed by the file name `aug_span` reports; cleared on save.
    var fileBytes: [String: [UInt8]] = [:]

    /// Opens a tree over `root` and loads `loads`, failing if any file does not parse.
    ///
    /// - Parameter loadPath: extra lens directories (colon-separated), searched before the
    ///   standard ones (`/usr/share/augeas/lenses` and `.../dist`).
    /// - Throws: `AugeasError` if Augeas cannot start, a lens is missing, or a file fails to load;
    ///   in the last case `fileErrors` names each file with its line.
    ///   See `aug_init`, `aug_load`.
    public init(root: String, loads: [AugeasLoad], loadPath: String? = nil) throws {
        // AUG_NO_ERR_CLOSE: keep the handle when aug_init fails so its error can be read.
        let flags = AUG_NO_LOAD.rawValue | AUG_NO_MODL_AUTOLOAD.rawValue
            | AUG_NO_ERR_CLOSE.rawValue | AUG_ENABLE_SPAN.rawValue
        // Augeas prefixes the root to each load glob unescaped: `[x]`, `*` or `?` in it would
        // make a pattern that matches nothing (a file then looks empty) or other directories.
        if let bad = root.first(where: Self.globMetacharacters.contains) {
            throw AugeasError(
                code: Int32(AUG_EBADARG.rawValue),
                message: "cannot use '\(root)' as the root: Augeas reads it as a file pattern, and '\(bad)' is a pattern character; "
                    + "use a path without any of \(Self.globMetacharacters.map { "'\($0)'" }.joined(separator: " "))")
        }
        guard let handle = aug_init(root, loadPath, flags) else {
            throw AugeasError(code: Int32(AUG_ENOMEM.rawValue), message: "cannot start Augeas on root '\(root)'")
        }
        self.handle = handle
        self.root = root
        self.loads = loads
        // From here on deinit closes the handle if init throws.
        if aug_error(handle) != Int32(AUG_NOERROR.rawValue) {
            throw AugeasError(handle: handle, context: "cannot start Augeas on root '\(root)'")
        }
        for load in loads {
            try configure(load)
        }
        try check(aug_load(handle), "cannot load \(loads.map { "'\($0.lens)'" }.joined(separator: ", "))")
        try checkLoad()
    }

    /// The characters glob(3) (with brace expansion) treats specially.
    static let globMetacharacters: [Character] = ["*", "?", "[", "]", "\\", "{", "}"]

    deinit {
        aug_close(handle)
    }

    /// The value at `path`; nil when no node matches or the node has no value.
    /// - Throws: `AugeasError` (`AUG_EMMATCH` when several nodes match, `AUG_EPATHX` for a bad
    ///   path). See `aug_get`.
    public func get(_ path: String) throws -> String? {
        var value: UnsafePointer<CChar>?
        let found = try check(aug_get(handle, path, &value), "cannot get '\(path)'")
        // The value belongs to the tree: copy it, never free it.
        return found == 0 ? nil : value.map { String(cString: $0) }
    }

    /// Whether at least one node matches `path`. See `aug_match`.
    public func exists(_ path: String) throws -> Bool {
        try check(aug_match(handle, path, nil), "cannot match '\(path)'") > 0
    }

    /// The paths of all nodes matching `path`, in document order. See `aug_match`.
    public func match(_ path: String) throws -> [String] {
        var matches: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = try check(aug_match(handle, path, &matches), "cannot match '\(path)'")
        guard let matches else { return [] }
        defer {
            for index in 0..<Int(count) { free(matches[index]) }
            free(matches)
        }
        return (0..<Int(count)).compactMap { matches[$0].map { String(cString: $0) } }
    }

    /// Sets the value at `path`, creating the node (and missing parents) if absent; nil clears the
    /// value. Fails if several nodes match. See `aug_set`.
    public func set(_ path: String, _ value: String?) throws {
        try check(aug_set(handle, path, value), "cannot set '\(path)'")
    }

    /// Removes every node matching `path` with its children; returns how many nodes went.
    /// See `aug_rm`.
    @discardableResult
    public func remove(_ path: String) throws -> Int {
        Int(try check(aug_rm(handle, path), "cannot remove '\(path)'"))
    }

    /// Inserts a new sibling `label` just before or after the single node matching `path`.
    /// See `aug_insert`.
    public func insert(label: String, at path: String, before: Bool) throws {
        try check(aug_insert(handle, path, label, before ? 1 : 0), "cannot insert '\(label)' at '\(path)'")
    }

    /// Turns Augeas's "-1 means failure" into an `AugeasError` read from the handle at once.
    @discardableResult
    func check(_ result: Int32, _ context: @autoclosure () -> String) throws -> Int32 {
        guard result < 0 else { return result }
        throw AugeasError(handle: handle, context: context())
    }
}
