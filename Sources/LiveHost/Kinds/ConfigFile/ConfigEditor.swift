import Foundation
import Host
import Planner

/// Applies one file's edits to an Augeas tree (saved by the caller).
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

    public func apply(_ edit: FileEdit) throws {
        switch edit {
        case .set(let key, let value):
            let node = try ensure(file: file, key: key)
            try tree.set(node, value)
        case .setList(let key, let items):
            let node = try ensure(file: file, key: key)
            _ = try tree.remove("\(node)/*")
            if items.isEmpty {
                try tree.set(node, nil)
            }
            for (i, item) in items.enumerated() {
                try tree.set("\(node)/\(i + 1)", item)
            }
        }
    }

    /// The Augeas path of `key` in `file`, creating predicate steps that do not exist yet.
    private func ensure(file: String, key: String) throws -> String {
        var path = "/files\(file)"
        for step in Self.steps(key) {
            let candidate = "\(path)/\(step)"
            let matches = try tree.match(candidate)
            if let last = matches.last {
                path = last
            } else if let (label, value) = Self.valuePredicate(step) {
                try tree.set("\(path)/\(label)[last()+1]", value)
                path = try tree.match("\(path)/\(label)").last ?? candidate
            } else {
                path = candidate
            }
        }
        return path
    }

    /// Splits a key on `/` outside brackets and quotes.
    static func steps(_ key: String) -> [String] {
        var steps: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for ch in key {
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "[" {
                depth += 1
            } else if ch == "]" {
                depth -= 1
            } else if ch == "/", depth == 0 {
                steps.append(current)
                current = ""
                continue
            }
            current.append(ch)
        }
        if !current.isEmpty { steps.append(current) }
        return steps
    }

    /// `label[. = "value"]` → (label, value).
    static func valuePredicate(_ step: String) -> (String, String)? {
        guard let open = step.firstIndex(of: "["), step.hasSuffix("]") else { return nil }
        let label = String(step[..<open])
        var inner = step[step.index(after: open)..<step.index(before: step.endIndex)].trimmingCharacters(in: .whitespaces)
        guard inner.hasPrefix(".") else { return nil }
        inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
        guard inner.hasPrefix("=") else { return nil }
        inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
        guard inner.count >= 2, let q = inner.first, q == "\"" || q == "'", inner.last == q else { return nil }
        return (label, String(inner.dropFirst().dropLast()))
    }
}

