import Foundation
import Testing
@testable import Host
import TestSupport

/// Files listed from a drop-in directory can be called anything: their names reach Augeas's load
/// globs and path expressions escaped, and labels holding `/` are read back as written.
@Suite struct AugeasPathTests {
    static let odd = "/etc/sysctl.d/a[1] b*(c).conf"

    @Test func aFileWithPathMetacharactersIsLoadedAloneAndAddressed() throws {
        let sandbox = try AugeasSandbox(files: [], directories: ["etc/sysctl.d"])
        defer { sandbox.remove() }
        try sandbox.write("kernel/yama/ptrace_scope = 1\n-kernel.kptr_restrict = 2\n", to: String(Self.odd.dropFirst()))
        // A sibling the glob `a[1] b*(c).conf` would match if it were not escaped.
        try sandbox.write("kernel.dmesg_restrict = 1\n", to: "etc/sysctl.d/a1 bxx(c).conf")
        let load = AugeasLoad(name: "Sysctl", lens: "Sysctl.lns", includes: [AugeasPath.literalGlob(Self.odd)])
        let tree = try AugeasTree(root: sandbox.path, loads: [load])

        #expect(try tree.match("/files/etc/sysctl.d/*").count == 1, "only the named file is loaded")
        let nodes = try tree.match("\(AugeasPath.files(Self.odd))/*")
        #expect(nodes.count == 2)
        #expect(try nodes.map { try tree.label($0) } == ["kernel/yama/ptrace_scope", "-kernel.kptr_restrict"])
        #expect(try tree.get(nodes[0]) == "1")
        #expect(try tree.label("\(AugeasPath.files(Self.odd))/nothing") == nil)
    }

    @Test func escapingLeavesOrdinaryNamesAlone() {
        #expect(AugeasPath.files("/etc/sysctl.d/90-hvharden.conf") == "/files/etc/sysctl.d/90-hvharden.conf")
        #expect(AugeasPath.label("kernel/yama/ptrace_scope") == #"kernel\/yama\/ptrace_scope"#)
        #expect(AugeasPath.literalGlob("/etc/a[1]*?.conf") == #"/etc/a\[1\]\*\?.conf"#)
    }
}
