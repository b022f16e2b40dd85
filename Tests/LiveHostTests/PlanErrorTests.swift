import Compiler
import Foundation
import Host
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Live-state problems name their object: the file and line Augeas could not parse, the domain
/// whose XML is malformed, the URI that could not be reached.
@Suite struct PlanErrorTests {
    static let policy = try! Compiler.compile(profiles: [Repo.root.appendingPathComponent("profiles/nist-800-125a-baseline.yaml").path]).policy

    /// A file its lens rejects is no error: it is recorded with file, line and lens, and read
    /// with libvirt's own syntax (issue #12: one bad line must not abort every rule).
    @Test func unparsableQemuConfNamesFileLineAndLens() throws {
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("# a comment\nvnc_listen = \"127.0.0.1\"\nvnc_lisen = \"0.0.0.0\"\n", to: "/etc/libvirt/qemu.conf")
        let files = try ConfigReader(root: root.path).read(ConfigQuery(policy: Self.policy))
        let problem = try #require(files[.qemuConf]?.unparsable.first)
        #expect(problem.contains("/etc/libvirt/qemu.conf:3") && problem.contains("Libvirtd_qemu.lns"), "\(problem)")
        #expect(files[.qemuConf]?.entry("vnc_listen").value == "127.0.0.1")
    }

    @Test func malformedDomainXMLNamesTheDomain() throws {
        let state = ObservedState(
            connectURI: "test:///", root: "/",
            domains: [ObservedDomain(name: "broken01", uuid: "u", state: .shutoff, isActive: false, persistentXML: "<domain><name>x</nam></domain>")],
            files: [:], facts: HostFacts())
        #expect {
            _ = try Planner.plan(policy: Self.policy, reader: state)
        } throws: { error in
            "\(error)".contains("domain 'broken01'")
        }
    }

    @Test func unreachableLibvirtNamesTheURI() throws {
        let uri = "test:///nonexistent/hvharden/node.xml"
        #expect {
            _ = try ObservedState(reading: LiveStateReader(connectURI: uri, root: "/", key: TestKey.key), policy: Self.policy)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("cannot connect to '\(uri)'") && !text.contains("\n")
        }
    }

    @Test func unknownDomainOptionIsNamed() throws {
        let uri = "test://" + Repo.root.appendingPathComponent("examples/lab/node.xml").path
        #expect {
            _ = try ObservedState(reading: LiveStateReader(connectURI: uri, root: "/", key: TestKey.key), policy: Self.policy, domains: DomainSelection(selector: Self.policy.domains, names: ["nope01"]))
        } throws: { error in
            "\(error)".contains("domain 'nope01' not found")
        }
    }

    @Test func kernelCommandLineRulesCompose() throws {
        // Two grub rules adding tokens to the same variable: the second change starts from the
        // first one's result, so applying them in order keeps both.
        let high = try Compiler.compile(profiles: ["nist-800-125a-high"]).policy
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("GRUB_CMDLINE_LINUX=\"quiet\"\n", to: "/etc/default/grub")
        let files = try ConfigReader(root: root.path).read(ConfigQuery(policy: high))
        // A host without out-of-tree modules, so the lockdown and signing fixes are proposed.
        let facts = HostFacts(boot: BootFacts(moduleSigEnforce: false, kernelRelease: "6.1.0-18-amd64"), modules: ModuleFacts(listed: true))
        let plan = try Planner.plan(policy: high, reader: ObservedState(connectURI: "test:///", root: root.path, domains: [], files: files, facts: facts))
        let grub = plan.changes.filter { $0.address.path == "GRUB_CMDLINE_LINUX" }
        #expect(grub.count >= 2, "expected several kernel command line changes, got \(grub.map(\.rule))")
        try ConfigFileWriter.write(grub, root: root.path)
        let tree = try AugeasTree(root: root.path, loads: [.grubDefault])
        let final = KernelCmdlineEvaluator.tokens(try tree.get("/files/etc/default/grub/GRUB_CMDLINE_LINUX"))
        for change in grub {
            for token in KernelCmdlineEvaluator.tokens(change.after) { #expect(final.contains(token), "lost \(token)") }
        }
    }
}
