import Compiler
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
/// How a definition is recognised depends on the kind: a catalogue key is an Augeas path below
/// qemu.conf, libvirtd.conf and /etc/default/grub; a sysctl key is matched by its normalized
/// name (`kernel/yama/ptrace_scope` and `-kernel.yama.ptrace_scope` are definitions of
/// `kernel.yama.ptrace_scope`); a modprobe key `options[. = "kvm_intel"]/nested` matches the
/// parameter on every `options` line of the module however `-` and `_` are written. A key with
/// no definition is added: at the end of a sysctl file, on the module's last `options` line, or
/// as a new node (a predicate step `options[. = "kvm_intel"]` is created as `options[last()+1]`
/// with that value, since Augeas cannot create a node from a predicate).
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
        switch ConfigFileResource.configFile(of: file) {
        case .sysctl: return try sysctlDefinitions(of: key)
        case .modprobe: if let (module, parameter) = ModprobeName.key(key) { return try modprobeDefinitions(module, parameter) }
        case .coredump:
            // A systemd setting's value is its `value` child; an empty assignment has none yet.
            let nodes = try tree.match("\(base)/\(key)")
            return nodes.isEmpty ? [try create(key + "/value")] : nodes.map { "\($0)/value" }
        default: break
        }
        let nodes = try tree.match("\(base)/\(key)")
        return nodes.isEmpty ? [try create(key)] : nodes
    }

    private func sysctlDefinitions(of key: String) throws -> [String] {
        let target = SysctlName.normalize(key)
        var nodes: [String] = []
        for node in try tree.match("\(base)/*") {
            guard let label = try tree.label(node), !label.hasPrefix("#"),
                  SysctlName.named(by: label) == target else { continue }
            // systemd-sysctl would write a comment after the value as part of it.
            try tree.remove("\(node)/#comment")
            nodes.append(node)
        }
        if !nodes.isEmpty { return nodes }
        let node = "\(base)/\(AugeasPath.label(key))"
        try tree.set(node, "")
        return [node]
    }

    private func modprobeDefinitions(_ module: String, _ parameter: String) throws -> [String] {
        let lines = try tree.match("\(base)/options").filter { ModprobeName.module(try tree.get($0) ?? "") == module }
        var nodes: [String] = []
        for line in lines {
            for node in try tree.match("\(line)/*") {
                guard let label = try tree.label(node), !label.hasPrefix("#"), ModprobeName.parameter(label) == parameter else { continue }
                nodes.append(node)
            }
        }
        if !nodes.isEmpty { return nodes }
        let line: String
        if let last = lines.last {
            line = last
        } else {
            try tree.set("\(base)/options[last()+1]", module)
            line = try tree.match("\(base)/options").last ?? "\(base)/options"
        }
        return ["\(line)/\(AugeasPath.label(parameter))"]
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
