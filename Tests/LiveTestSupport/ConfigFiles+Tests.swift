import Applier
import Compiler
import LiveHost
import Planner
import TestSupport

extension ConfigReader {
    /// A reader with the tests' fingerprint key.
    public init(root: String) { self.init(root: root, key: TestKey.key) }
}

/// Config-file changes written the way `apply` writes them: through the file store, one
/// atomic Augeas save per file, in plan order.
public enum ConfigFileWriter {
    public static func write(_ changes: [Change], root: String) throws {
        let store = ConfigFileStore(root: root, key: TestKey.key)
        var order: [String] = []
        var edits: [String: [AnyEdit]] = [:]
        for change in changes {
            guard let file = change.address.file else { continue }
            if edits[file] == nil { order.append(file) }
            edits[file, default: []].append(change.edit)
        }
        for file in order { _ = try store.write(file, edits: edits[file] ?? []) }
    }
}

extension ConfigFileWriter {
    /// The file a host-file rule's fix writes when no file defines its key.
    public static func defaultFile(of rule: Rule) -> String {
        switch rule.check {
        case .configValue(let c): return c.file.writablePath
        case .configList(let c): return c.file.writablePath
        default: return ConfigFile.grub.writablePath
        }
    }
}
