import Compiler
import Foundation
@testable import Planner
@testable import LiveHost
import Digests
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Host-path examples: the listed paths made in a temporary root with their mode and owner,
/// read by the live reader, fixed through the live store and read again.
extension ExampleRunner {
    /// The users and groups examples may name, written to the temporary root's passwd and group.
    static let exampleUsers: [(name: String, id: UInt32)] = [("root", 0), ("libvirt-qemu", 64055), ("nobody", 65534)]
    static let exampleGroups: [(name: String, id: UInt32)] = [("root", 0), ("kvm", 108), ("libvirt-qemu", 64055), ("users", 100)]

    func runPaths(_ example: RuleExample, selected: SelectedRule) throws -> (before: Outcome, after: Outcome?) {
        guard case .pathMetadata(let check) = rule.check else { throw ExampleError.missing("a path-metadata check") }
        let root = try TempRoot()
        defer { root.remove() }
        try root.write(Self.exampleUsers.map { "\($0.name):x:\($0.id):\($0.id)::/:/bin/false\n" }.joined(), to: "/etc/passwd")
        try root.write(Self.exampleGroups.map { "\($0.name):x:\($0.id):\n" }.joined(), to: "/etc/group")
        for (path, spec) in (example.paths ?? [:]).sorted(by: { $0.key.count < $1.key.count }) {
            try Self.make(path, spec, in: root)
        }
        let key = TestKey.key
        let reader = PathReader(root: root.path, key: key)
        let evaluator = PathMetadataEvaluator(rule: rule, check: check)
        let query = PathQuery(rules: [rule])
        let before = evaluator.evaluate(reader.read(query))
        guard let first = before.first else { return (.compliant, nil) }
        guard before.allSatisfy({ if case .changes = $0.outcome { return true } else { return false } }) else { return (first.outcome, nil) }
        let store = HostPathStore(root: root.path, key: key)
        for (path, outcome) in before {
            guard case .changes(let changes) = outcome else { continue }
            _ = try store.write(path, edits: changes.map(\.edit))
        }
        let after = evaluator.evaluate(reader.read(query))
        return (first.outcome, after.first?.outcome ?? .compliant)
    }

    static func make(_ hostPath: String, _ spec: PathExample, in root: TempRoot) throws {
        let onDisk = root.path + hostPath
        if spec.type == "directory" {
            try FileManager.default.createDirectory(atPath: onDisk, withIntermediateDirectories: true)
        } else {
            try root.write("example\n", to: hostPath)
        }
        guard let mode = UInt32(spec.mode, radix: 8),
              let uid = exampleUsers.first(where: { $0.name == spec.owner })?.id,
              let gid = exampleGroups.first(where: { $0.name == spec.group })?.id else {
            throw ExampleError.missing("a known mode, owner and group for \(hostPath)")
        }
        guard chown(onDisk, uid, gid) == 0, chmod(onDisk, mode_t(mode)) == 0 else {
            throw ExampleError.missing("permission to set the owner of \(hostPath) (run the tests as root)")
        }
    }
}
