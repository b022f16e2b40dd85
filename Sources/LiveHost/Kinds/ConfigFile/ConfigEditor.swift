import Foundation
import Host
import Planner

/// Applies one file's edits to an Augeas tree (saved by the caller).
///
/// An edit sets every definition of its key in the file, so a key set twice never keeps a
/// stale definition that a reader of the file, or the program, might take for the real one
/// (#11 item 3). Setting them all, rather than removing all but one, keeps each line where its
/// author put it with the comments around it, works the same for every lens (an `options` line
/// never loses its last parameter), and is the smallest edit after which every definition
/// agrees; `ConfigReader` notes a key defined with different values, so duplicates that agree
/// stay quiet.
///
/// Keys may hold `[. = "value"]` predicates (modprobe: `options[. = "kvm_intel"]/nested`). Augeas
/// cannot create a node from such a predicate, so a missing step is created as a new node with
/// that value (`options[last()+1] = kvm_intel`) before the rest of the path is set.
public struct ConfigEditor {
    public let tree: AugeasTree
    /// The host path of the file the edits belong to.
    public let file: String

    public init(tree: AugeasTree, file: String) {
        self.tree = tree
        self.file = file
    }

    private var base: String { AugeasPath.files(file) }

    public func apply(_ edit: FileEdit) throws {
        switch edit {
        case .set(let key, let value):
            for node in try definitions(of: key) { try tree.set(node, value) }
        case .setList(let key, let items):
            for node in try definitions(of: key) {
                _ = try tree.remove("\(node)/*")
                if items.isEmpty { try tree.set(node, nil) }
                for (i, item) in items.enumerated() { try tree.set("\(node)/\(i + 1)", item) }
            }
        }
    }

    /// The nodes defining `key` in the file, created when there is none.
    private func definitions(of key: String) throws -> [String] {
        let nodes = try tree.match("\(base)/\(key)")
        return nodes.isEmpty ? [try create(key)] : nodes
    }

    /// The Augeas path of a missing `key`, its predicate steps created.
    private func create(_ key: String) throws -> String {
        var path = base
        for step in ConfigKeyPath.steps(key) {
            let candidate = "\(path)/\(step)"
            if let last = try tree.match(candidate).last {
                path = last
            } else if let (label, value) = ConfigKeyPath.valuePredicate(step) {
                try tree.set("\(path)/\(label)[last()+1]", value)
                path = try tree.match("\(path)/\(label)").last ?? candidate
            } else {
                path = candidate
            }
        }
        return path
    }
}
