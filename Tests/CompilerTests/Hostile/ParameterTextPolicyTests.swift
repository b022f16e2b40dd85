import Foundation
import Testing
@testable import Compiler

/// Item 7 (compiler half): a rule value the file it ends up in cannot hold is an error at
/// validate time, located at the value. The policy follows from where the rule writes or
/// compares the value, so a new rule of an existing kind is covered without a catalogue change.
@Suite struct ParameterTextPolicyTests {
    static func configRule(_ id: String, _ file: ConfigFile, key: String = "k") -> Rule {
        ProfileTestSupport.rule(id, target: .hostFile, check: .configValue(ConfigValueCheck(
            file: file, key: key, default: nil, allowed: nil, forbidden: nil, min: nil, max: nil, cpuVendor: nil)),
            parameters: [Parameter(name: "value", type: .string, default: .string("ok"), description: "v"),
                         Parameter(name: "values", type: .list, default: .list(["ok"]), description: "v")])
    }

    static let catalogue = RuleCatalogue(rules: RuleCatalogue.shipped.rules + [
        configRule("test-sysctl", .sysctl), configRule("test-modprobe", .modprobe), configRule("test-grub", .grub),
        ProfileTestSupport.rule("test-cmdline", target: .hostFile, check: .kernelCmdline(KernelCmdlineCheck(require: ["a"], forbid: [], cpuVendor: nil)),
                                parameters: [Parameter(name: "value", type: .string, default: .string("ok"), description: "v")]),
        ProfileTestSupport.rule("test-xml", parameters: [Parameter(name: "value", type: .string, default: .string("ok"), description: "v")]),
    ])

    static func diagnostics(_ values: String) throws -> [Diagnostic] {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.yaml", profileHeader() + "rules:\n  values:\n" + values)
        do {
            _ = try Compiler.compile(profiles: [path], catalogue: catalogue, today: ProfileTestSupport.today, shipped: Bundled.profiles)
            return []
        } catch {
            #expect(error.diagnostics.allSatisfy { $0.location?.file == path && $0.location?.line == 6 }, "\(error.diagnostics)")
            return error.diagnostics
        }
    }

    @Test(arguments: [
        // qemu.conf / libvirtd.conf quoted strings: user, group and the like.
        (#"qemu-user-not-root: "a\"b""#, "a double quote"),
        (#"qemu-user-not-root: "a\\b""#, "a backslash"),
        (#"qemu-user-not-root: "qemu\nuser = \"root\"""#, "a line break"),
        (#"qemu-group-not-root: "qemu\u0007""#, "a control character"),
        (#"qemu-group-not-root: "qemu\u202E""#, "a control character"),
        (#"qemu-group-not-root: "qemu\r""#, "a line break"),
        (#"qemu-group-not-root: """#, "empty"),
        (#"libvirtd-log-outputs: ["1:file:/x\"y"]"#, "a double quote"),
        (#"qemu-vnc-listen-local: ["127.0.0.1\n"]"#, "a line break"),
        // sysctl.d and modprobe.d lines.
        (#"test-sysctl: {value: "1\nkernel.x = 0"}"#, "a line break"),
        (#"test-sysctl: {value: "1 # c"}"#, "'#'"),
        (#"test-sysctl: {values: ["1;2"]}"#, "';'"),
        (#"test-modprobe: {value: "a#b"}"#, "'#'"),
        (#"test-modprobe: {value: "a b"}"#, "a space"),
        (#"test-modprobe: {value: "a\"b"}"#, "a double quote"),
        // /etc/default/grub is shell: one kernel command line token.
        (#"test-grub: {value: "a\"b"}"#, "a double quote"),
        (#"test-grub: {value: "$(reboot)"}"#, "'$'"),
        (#"test-grub: {value: "a`b`"}"#, "'`'"),
        (#"test-grub: {value: "a'b"}"#, "a single quote"),
        (#"test-grub: {value: "a b"}"#, "a space"),
        (#"test-cmdline: "x\\y""#, "a backslash"),
        (#"test-cmdline: "x#y""#, "'#'"),
        // Domain XML text.
        (#"domain-memballoon-none: "none\u0000""#, "a control character"),
        (#"test-xml: "a\u001Bb""#, "a control character"),
    ])
    func unwritableValueIsAnError(entry: String, problem: String) throws {
        let diagnostics = try Self.diagnostics("    " + entry + "\n")
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let message = try #require(diagnostics.first).message
        #expect(message.contains(problem), "\(message)")
        #expect(message.contains("parameter '"), "\(message)")
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 }, "\(message.debugDescription)")
    }

    @Test(arguments: [
        "qemu-user-not-root: qemu", "qemu-group-not-root: \"kvm-users\"", "qemu-user-not-root: \"+107\"",
        "libvirtd-log-outputs: [\"1:file:/var/log/libvirt/libvirtd.log\", \"3:journald\"]",
        "qemu-vnc-listen-local: [\"127.0.0.1\", \"::1\"]", "test-sysctl: {value: \"1\", values: [\"0\", \"2\"]}",
        "test-modprobe: {value: \"nested=0\"}", "test-grub: {value: \"iommu=pt\"}", "test-cmdline: \"intel_iommu=on\"",
        "test-xml: \"a b & <c>\"", "domain-memballoon-none: none", "test-sysctl: {value: \"é\"}",
    ])
    func writableValueIsAccepted(entry: String) throws {
        #expect(try Self.diagnostics("    " + entry + "\n").isEmpty)
    }

    /// Every parameter default of the shipped catalogue passes its own policy.
    @Test func shippedDefaultsPassTheirPolicy() {
        for rule in RuleCatalogue.shipped.rules {
            for parameter in rule.parameters {
                let policy = rule.textPolicy(for: parameter)
                for text in parameter.default.listText {
                    #expect(policy.problem(in: text) == nil, "\(rule.id).\(parameter.name) default '\(text)'")
                }
            }
        }
    }

    @Test func policyFollowsTheDestination() throws {
        let shipped = RuleCatalogue.shipped
        let user = try #require(shipped.rule("qemu-user-not-root"))
        #expect(user.textPolicy(for: user.parameters[0]) == .libvirtQuotedString)
        let sysctl = try #require(shipped.rule("sysctl-ptrace-scope"))
        #expect(sysctl.textPolicy(for: sysctl.parameters[0]) == .sysctlValue)
        let vtpm = try #require(shipped.rule("domain-vtpm"))
        #expect(vtpm.textPolicy(for: vtpm.parameters[0]) == .printable)
    }
}
