import Foundation
import Testing
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// examples/ansible: the playbooks pass `ansible-playbook --syntax-check`, and the role really
/// runs against the lab (the libvirt test driver and a copy of the sandbox root; nothing on this
/// machine is read or changed): the plan task maps exit code 2 to "changed", the saved plan is
/// applied, and in check mode nothing is written. A run against the lab takes about 4 seconds.
@Suite(.serialized) struct ExamplesAnsibleTests {
    static let directory = Repo.root.appendingPathComponent("examples/ansible")
    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    /// A scratch lab: a copy of the sandbox root, a state directory, and Ansible's own temp files.
    struct Scratch {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-ansible-\(UUID().uuidString)")
        var root: URL { directory.appendingPathComponent("root") }
        var state: URL { directory.appendingPathComponent("state") }

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Repo.root.appendingPathComponent("examples/lab/root"), to: root)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }

        /// `ansible-playbook ARGS` (paths absolute, so the working directory does not matter),
        /// without colour and with Ansible's temporary and home files in the scratch directory.
        func playbook(_ arguments: [String]) throws -> ProcessRun {
            var environment = ProcessInfo.processInfo.environment
            environment["ANSIBLE_NOCOLOR"] = "1"
            environment["ANSIBLE_FORCE_COLOR"] = nil
            environment["ANSIBLE_HOME"] = directory.appendingPathComponent("ansible-home").path
            environment["ANSIBLE_LOCAL_TEMP"] = directory.appendingPathComponent("ansible-tmp").path
            environment["ANSIBLE_REMOTE_TEMP"] = directory.appendingPathComponent("ansible-tmp").path
            return try ProcessRun.run(try ExamplesToolSupport.tool("ansible-playbook"), arguments, environment: environment)
        }

        /// lab.yml on localhost with the built binary, the scratch root and state directory.
        func runLab(_ extra: [String] = []) throws -> ProcessRun {
            try playbook([
                "-i", "localhost,", "-c", "local", ExamplesAnsibleTests.path("lab.yml"),
                "-e", "ansible_python_interpreter=\(try ExamplesToolSupport.tool("python"))",
                "-e", "hvharden_bin=\(try Binaries.hvharden)",
                "-e", "lab_root=\(root.path)", "-e", "lab_state=\(state.path)",
            ] + extra)
        }
    }

    /// Each task's result for localhost ("ok", "changed", "skipping", "fatal") by task name,
    /// from the default callback's "TASK [role : name]" headers and the line after them.
    static func results(_ output: String) -> [String: String] {
        var results: [String: String] = [:]
        var task: String?
        for line in output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("TASK ["), let end = line.range(of: "] ") {
                let name = line[line.index(line.startIndex, offsetBy: 6)..<end.lowerBound]
                task = name.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
            } else if let current = task, let status = ["ok", "changed", "skipping", "fatal"].first(where: { line.hasPrefix("\($0): [localhost]") }) {
                results[current] = status
                task = nil
            }
        }
        return results
    }

    static let planTask = "Plan (0 = nothing to do, 2 = changes, 3 = findings only, 1 = error)"
    static let applyTask = "Apply the saved plan (refused if anything changed since it was made)"

    @Test func playbooksPassSyntaxCheck() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let run = try scratch.playbook(["-i", Self.path("inventory/hosts.yml"), "--syntax-check", Self.path("site.yml"), Self.path("lab.yml")])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("playbook: \(Self.path("site.yml"))") && run.stdout.contains("playbook: \(Self.path("lab.yml"))"))
        // The inventory really defines the group site.yml targets.
        let inventory = try scratch.playbook(["-i", Self.path("inventory/hosts.yml"), "--list-hosts", Self.path("site.yml")])
        #expect(inventory.status == 0, "\(inventory.stderr)")
        #expect(inventory.stdout.contains("kvm01.example.org") && inventory.stdout.contains("gpu01.example.org"))
    }

    @Test func roleAppliesTheSavedPlanToTheLab() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let qemuConf = scratch.root.appendingPathComponent("etc/libvirt/qemu.conf")
        let before = try Data(contentsOf: qemuConf)
        let started = Date()
        let run = try scratch.runLab()
        let seconds = Date().timeIntervalSince(started)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let results = Self.results(run.stdout)
        #expect(results[Self.planTask] == "changed", "the insecure lab plans changes: exit code 2 maps to changed")
        #expect(results[Self.applyTask] == "changed")
        #expect(results["Validate the profiles"] == "ok")
        #expect(run.stdout.contains("failed=0"))
        #expect(try Data(contentsOf: qemuConf) != before, "apply saved the lab's qemu.conf through Augeas")
        #expect(FileManager.default.fileExists(atPath: scratch.state.appendingPathComponent("profiles/site.yaml").path))
        #expect(FileManager.default.fileExists(atPath: scratch.state.appendingPathComponent("journal").path), "apply kept a journal")
        #expect(!run.stdout.contains("hunter2"), "the lab's VNC password never reaches Ansible's output")
        #expect(seconds < 120, "a run against the lab took \(seconds) s")
    }

    @Test func checkModePlansButWritesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let qemuConf = scratch.root.appendingPathComponent("etc/libvirt/qemu.conf")
        let before = try Data(contentsOf: qemuConf)
        let run = try scratch.runLab(["--check"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let results = Self.results(run.stdout)
        #expect(results[Self.planTask] == "changed")
        #expect(results[Self.applyTask] == "skipping")
        #expect(results["Install the profiles (where people run hvharden by hand)"] == "changed", "check mode reports what it would install")
        #expect(try Data(contentsOf: qemuConf) == before)
        #expect(!FileManager.default.fileExists(atPath: scratch.state.path), "check mode creates no state directory")
    }

    /// Exit code 1 (here: no such libvirt node file) fails the play at the plan task, and the
    /// scratch directory is removed all the same.
    @Test func planErrorFailsThePlay() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let run = try scratch.runLab(["-e", "hvharden_connect=test:///nonexistent/hvh-\(UUID().uuidString).xml"])
        #expect(run.status != 0)
        let results = Self.results(run.stdout)
        #expect(results[Self.planTask] == "fatal", "\(run.stdout)")
        #expect(results[Self.applyTask] == nil, "nothing runs after a failed plan")
        #expect(run.stdout.contains("Remove the scratch directory"))
    }
}
