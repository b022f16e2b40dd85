import Compiler
import Foundation
import Host
import HostModel
import LiveHost
import Planner
import TestSupport

/// A temporary root for host-file tests: files and links are made under it, rules are planned
/// against it through the real `ConfigReader` and `Planner`, and a plan's changes are written
/// through the file store as `apply` writes them. Nothing outside the directory is touched.
public final class ConfigSandbox {
    public let root: String

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hvharden-config-\(UUID().uuidString)").path
        // The directories a Debian host has even when they are empty.
        for dir in ["/etc/libvirt", "/etc/default", "/etc/sysctl.d", "/etc/modprobe.d", "/sys/kernel/security/apparmor"] {
            try FileManager.default.createDirectory(atPath: root + dir, withIntermediateDirectories: true)
        }
        // Debian enables AppArmor, and a stock host loads no out-of-tree modules: the facts fix
        // preconditions read (mac-enforcing, signed-out-of-tree-modules).
        try write("Y\n", to: "/sys/module/apparmor/parameters/enabled")
        try write("kvm 1146880 0 - Live 0x0000000000000000\n", to: "/proc/modules")
        try write("6.1.0-18-amd64\n", to: "/proc/sys/kernel/osrelease")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` at `hostPath` under the root, creating its directories.
    public func write(_ text: String, to hostPath: String) throws {
        let url = URL(fileURLWithPath: root + hostPath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    /// Makes `hostPath` a symbolic link holding `destination` as it is (relative, or absolute as
    /// the host would see it, e.g. `/dev/null`).
    public func link(_ hostPath: String, to destination: String) throws {
        let url = URL(fileURLWithPath: root + hostPath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    public func makeDirectory(_ hostPath: String) throws {
        try FileManager.default.createDirectory(atPath: root + hostPath, withIntermediateDirectories: true)
    }

    /// The text of a file under the root; nil when there is none.
    public func text(_ hostPath: String) -> String? {
        FileManager.default.contents(atPath: root + hostPath).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The shipped rules with these ids, enforced.
    public static func rules(_ ids: [String]) throws -> [SelectedRule] {
        try ids.map { id in
            guard let rule = RuleCatalogue.shipped.rule(id) else { throw SandboxError.unknownRule(id) }
            return SelectedRule(rule: rule)
        }
    }

    /// What the reader makes of these keys of one kind.
    public func read(_ kind: ConfigFile, _ keys: [String]) throws -> ObservedFile {
        let files = try ConfigReader(root: root).read(ConfigQuery(keys: [kind: Set(keys)]))
        return files[kind] ?? ObservedFile(kind: kind, fingerprints: [:], entries: [:])
    }

    /// The plan of these rules against the root, with the facts read under it.
    public func plan(_ ids: [String], posture: Posture = Posture()) throws -> Plan {
        let policy = Policy(posture: posture, domains: DomainSelector(), rules: try Self.rules(ids))
        let files = try ConfigReader(root: root).read(ConfigQuery(policy: policy))
        let state = ObservedState(
            connectURI: "test:///default", root: root, domains: [], files: files, facts: HostFactsReader(root: root).read())
        return try Planner.plan(policy: policy, reader: state)
    }

    /// Writes a plan's file changes through the file store, one save per file.
    public func apply(_ plan: Plan) throws {
        try ConfigFileWriter.write(plan.changes, root: root)
    }

    /// Plans these rules, applies the plan and plans again, as `apply` verifies itself.
    public func converge(_ ids: [String]) throws -> (plan: Plan, after: Plan) {
        let plan = try plan(ids)
        try apply(plan)
        return (plan, try self.plan(ids))
    }

    /// A /proc/cpuinfo naming an Intel CPU (for rules that only apply to one vendor), and
    /// optionally a kernel command line.
    public func intelHost(cmdline: String = "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet") throws {
        try write("processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Test CPU\n\n", to: "/proc/cpuinfo")
        try write(cmdline + "\n", to: "/proc/cmdline")
    }

    enum SandboxError: Error, CustomStringConvertible {
        case unknownRule(String)
        var description: String {
            switch self {
            case .unknownRule(let id): return "no shipped rule '\(id)'"
            }
        }
    }
}
