import Compiler
import Foundation
import Testing
import Planner
import LiveHost
import LiveTestSupport
import TestSupport

/// The Augeas-backed reader against `ReferenceModel` on random sysctl.d and modprobe.d trees
/// written under a temporary root (#11 item 8). The generator is seeded, so a failure names the
/// seed and the case, and the tree it printed is rebuilt by running the test again.
@Suite struct DropInPropertyTests {
    static let seed: UInt64 = 0x5EED_11_08
    static let cases = 300
    static let sysctlKeys = ["kernel.yama.ptrace_scope", "kernel.kptr_restrict"]
    static let modprobeKeys = [("kvm_intel", "nested"), ("kvm_intel", "vmentry_l1d_flush")]

    @Test func theReaderAgreesWithTheReferenceModel() throws {
        var random = SeededGenerator(seed: Self.seed)
        var checked = 0
        var seen: [String: Int] = [:]
        for index in 0..<Self.cases {
            let tree = Self.tree(&random)
            let box = try ConfigSandbox()
            try Self.write(tree, under: box)
            let modprobeKeys = Self.modprobeKeys.map { "options[. = \"\($0.0)\"]/\($0.1)" }
            let files = try ConfigReader(root: box.root).read(ConfigQuery(keys: [.sysctl: Set(Self.sysctlKeys), .modprobe: Set(modprobeKeys)]))
            for key in Self.sysctlKeys {
                let expected = ReferenceModel.sysctl(tree, key: key)
                let actual = Self.result(files[.sysctl]?.entry(key))
                #expect(actual == expected, "seed \(Self.seed) case \(index), \(key):\nreader \(actual)\nmodel  \(expected)\n\(tree)")
                checked += 1
                Self.tally(expected, into: &seen, kind: "sysctl")
            }
            for ((module, parameter), key) in zip(Self.modprobeKeys, modprobeKeys) {
                let expected = ReferenceModel.modprobe(tree, module: module, parameter: parameter)
                let actual = Self.result(files[.modprobe]?.entry(key))
                #expect(actual == expected, "seed \(Self.seed) case \(index), \(key):\nreader \(actual)\nmodel  \(expected)\n\(tree)")
                checked += 1
                Self.tally(expected, into: &seen, kind: "modprobe")
            }
        }
        #expect(checked == Self.cases * 4)
        // The generator must reach every shape the semantics distinguish, or agreeing proves little.
        for shape in ["sysctl set", "sysctl pattern", "sysctl excluded", "sysctl vendor", "sysctl own file loses", "sysctl absent",
                      "modprobe set", "modprobe vendor", "modprobe own file loses", "modprobe absent"] {
            #expect(seen[shape, default: 0] >= 10, "only \(seen[shape, default: 0]) cases of '\(shape)': \(seen)")
        }
    }

    static func tally(_ r: ReferenceModel.Result, into seen: inout [String: Int], kind: String) {
        var shapes: [String] = []
        if r.file == nil { shapes.append("absent") }
        if r.present { shapes.append("set") }
        if r.byPattern { shapes.append("pattern") }
        if r.file != nil && !r.present { shapes.append("excluded") }
        if r.file != nil && !r.editable { shapes.append("vendor") }
        if !r.ownFileWins { shapes.append("own file loses") }
        for shape in shapes { seen["\(kind) \(shape)", default: 0] += 1 }
    }

    static func result(_ entry: ConfigEntry?) -> ReferenceModel.Result {
        guard let entry, entry.definedIn != nil else { return ReferenceModel.Result(ownFileWins: entry?.ownFileWins ?? true) }
        return ReferenceModel.Result(
            present: entry.present, value: entry.value, file: entry.definedIn, line: entry.line, byPattern: entry.pattern != nil,
            editable: entry.editable, ownFileWins: entry.ownFileWins)
    }

    // MARK: generating trees

    static let sysctlLines = [
        "kernel.yama.ptrace_scope = V", "kernel/yama/ptrace_scope = V", "-kernel.yama.ptrace_scope = V", "-kernel.yama.ptrace_scope",
        "kernel.yama.ptrace_scope", "kernel.yama.* = V", "kernel/*/ptrace_scope=V", "-kernel.yama.*", "/kernel/yama/ptrace_scope = V",
        "kernel..yama.ptrace_scope=V", "kernel/yama.ptrace_scope = V", "  kernel.kptr_restrict =  V", "kernel/kptr_restrict = V",
        "kernel.kptr_restrict =", "-kernel.kptr_restrict", "kernel.* = V", "net.ipv4.ip_forward = 1", "# kernel.yama.ptrace_scope = 0",
        "; comment", "",
    ]
    /// Patterns and exclusions only, with few values, so that patterns compete with each other
    /// and are assigned the same value again (which keeps their place in systemd's table).
    static let patternLines = [
        "kernel.yama.* = V", "kernel/*/ptrace_scope=V", "kernel.* = V", "kernel.*.ptrace_scope = V", "-kernel.yama.*",
        "-kernel.yama.ptrace_scope", "net.ipv4.ip_forward = 1",
    ]
    static let modprobeLines = [
        "options kvm_intel nested=V", "options kvm-intel nested=V ept=1", "options kvm_intel ept=0 vmentry_l1d_flush=V",
        "options kvm_intel vmentry-l1d-flush=V nested=V", "options kvm_intel nested", "options kvm-intel nested=\"V\"",
        "options\tkvm_intel\tnested=V", "options kvm_amd nested=V", "options kvm_intel", "blacklist kvm_amd",
        "# options kvm_intel nested=0", "",
    ]
    static let values = ["0", "1", "2", "3", "never", "Y"]

    static func tree(_ random: inout SeededGenerator) -> DropInTree {
        var tree = DropInTree()
        tree.libLinked = random.chance(1, in: 2)
        let patterns = random.chance(1, in: 3)
        let values = patterns ? ["1", "2"] : Self.values
        var placed: Set<String> = []
        func add(_ directories: [String], names: [String], own: String, lines: [String]) {
            for _ in 0..<random.below(7) {
                let directory = random.pick(directories.filter { !(tree.libLinked && $0.hasPrefix("/lib/")) })
                let etc = directory.hasPrefix("/etc/")
                let name = random.pick(etc ? names + [own] : names)
                guard placed.insert("\(directory)/\(name)").inserted else { continue }
                var entry = DropInTree.Entry.text((0..<random.below(6)).map { _ in
                    random.pick(lines).replacingOccurrences(of: "V", with: random.pick(values))
                })
                if name != own {
                    switch random.below(10) {
                    case 0: entry = .devNull
                    case 1: entry = .dangling
                    default: break
                    }
                }
                tree.files.append((directory, name, entry))
            }
        }
        add(ReferenceModel.sysctlDirectories, names: ["10-a.conf", "50-b.conf", "95-z.conf", "99-vendor.conf", "zz.conf", "x.conf.bak", ".hidden.conf", "README"],
            own: "90-hvharden.conf", lines: patterns ? patternLines : sysctlLines)
        if random.chance(1, in: 2) {
            tree.sysctlConf = (0..<random.below(5)).map { _ in random.pick(sysctlLines).replacingOccurrences(of: "V", with: random.pick(values)) }
        }
        if random.chance(1, in: 2) { tree.files.append(("/etc/sysctl.d", "99-sysctl.conf", .sysctlConf)) }
        add(ReferenceModel.modprobeDirectories, names: ["50-kvm.conf", "kvm.alias", "zz.conf", "a.conf", "kvm.conf.dpkg-old", ".kvm.conf"],
            own: "hvharden.conf", lines: modprobeLines)
        return tree
    }

    static func write(_ tree: DropInTree, under box: ConfigSandbox) throws {
        try box.makeDirectory("/usr/lib")
        if tree.libLinked { try box.link("/lib", to: "usr/lib") } else { try box.makeDirectory("/lib") }
        if let conf = tree.sysctlConf { try box.write(conf.map { $0 + "\n" }.joined(), to: "/etc/sysctl.conf") }
        for file in tree.files {
            let path = "\(file.directory)/\(file.name)"
            switch file.entry {
            case .text(let lines): try box.write(lines.map { $0 + "\n" }.joined(), to: path)
            case .devNull: try box.link(path, to: "/dev/null")
            case .dangling: try box.link(path, to: "missing.conf")
            case .sysctlConf: try box.link(path, to: "../sysctl.conf")
            }
        }
    }
}
