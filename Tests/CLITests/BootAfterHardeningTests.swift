import Foundation
import Testing
import Host
import TestSupport
import LiveTestSupport

/// Hardening never makes a bootable guest unbootable: varied guests (machine types, CPU modes,
/// firmware, devices; no disks) are defined on the real libvirtd and started under QEMU; those
/// that start are hardened by `hvharden apply` with each shipped profile as it is (its default
/// posture) and must start again. Guests are started for a moment only, and removed at the end,
/// also after a failure. The root holds a copy of the lab's /etc (so files are written in the
/// sandbox) and links to this machine's /proc, /sys, /dev, /usr and /lib, so the host facts are
/// the real host's, as they are where hvharden runs.
@Suite(.serialized, .tags(.daemon), .enabled(if: DaemonTests.wanted, DaemonTests.skipped))
struct BootAfterHardeningTests {
    /// Name suffix → what goes inside `<domain type='qemu'>` after the name.
    static let guests: [(String, String)] = [
        ("pc-plain", os("pc")),
        ("q35-plain", os("q35")),
        ("q35-host-model", os("q35") + "<cpu mode='host-model'/>"),
        // The reported break: a host-model feature that TCG emulates and KVM here cannot give.
        ("host-model-cmt", os("q35") + "<cpu mode='host-model'><feature policy='require' name='cmt'/></cpu>"),
        ("host-model-cmt-unchecked", os("q35") + "<cpu mode='host-model' check='none'><feature policy='require' name='cmt'/></cpu>"),
        ("custom-qemu64", os("pc") + "<cpu mode='custom' match='exact'><model fallback='forbid'>qemu64</model></cpu>"),
        ("custom-skylake", os("q35") + "<cpu mode='custom' match='exact'><model fallback='allow'>Skylake-Client</model></cpu>"),
        ("maximum", os("q35") + "<cpu mode='maximum'/>"),
        ("vmport-smm", os("q35") + "<features><acpi/><vmport state='on'/><smm state='on'/></features>"),
        ("uefi", os("q35", firmware: "efi") + "<features><acpi/></features>"),
        ("devices", os("q35") + """
            <devices><graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0' passwd='b00tT3st'/>
            <video><model type='virtio'/></video><rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
            <serial type='pty'/><console type='pty'/><memballoon model='virtio'/></devices>
            """),
        ("i440fx-old", os("pc-i440fx-7.2") + "<on_crash>coredump-destroy</on_crash>"),
    ]

    static func os(_ machine: String, firmware: String? = nil) -> String {
        "<os\(firmware.map { " firmware='\($0)'" } ?? "")><type arch='x86_64' machine='\(machine)'>hvm</type></os>"
    }

    /// Starts the domain, waits a second, stops it; the error when it does not start.
    static func boots(_ connection: LibvirtConnection, _ name: String) -> String? {
        do {
            let domain = try connection.lookup(name: name)
            try domain.start()
            usleep(1_000_000)
            let running = try connection.lookup(name: name).isActive
            try? domain.destroy()
            return running ? nil : "it stopped by itself within a second"
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: ["nist-800-125a-baseline", "nist-800-125a-high"])
    func everyGuestThatBootedStillBootsAfterApply(profile: String) throws {
        let sandbox = try DaemonSandbox()
        var bootable: [String] = []
        var skipped: [String] = []
        for (suffix, body) in Self.guests {
            switch sandbox.define(suffix, xml: { "<domain type='qemu'><name>\($0)</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>\(body)</domain>" }) {
            case .success(let name):
                if let why = Self.boots(sandbox.connection, name) { skipped.append("\(suffix): \(why)") } else { bootable.append(name) }
            case .failure(let error):
                skipped.append("\(suffix): not defined: \(error)")
            }
        }
        print("boot test (\(profile)): \(bootable.count) of \(Self.guests.count) guests start before hardening; not used: \(skipped)")
        try #require(bootable.count >= 6, "too few guests start on this machine to prove anything: \(skipped)")

        let root = sandbox.box.directory + "/real-facts-root"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sandbox.box.root + "/etc", toPath: root + "/etc")
        for link in ["proc", "sys", "dev", "usr", "lib"] {
            try FileManager.default.createSymbolicLink(atPath: root + "/" + link, withDestinationPath: "/" + link)
        }
        let path = sandbox.box.directory + "/boot.yaml"
        try """
            apiVersion: hvharden/v1
            kind: Profile
            metadata: {name: boot-test}
            extends: [\(profile)]
            domains: {include: ["\(sandbox.prefix)-*"]}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let apply = try CLIChild.run(["apply", "--profile", path, "--connect", DaemonSandbox.uri, "--root", root,
                                      "--state-dir", sandbox.box.state, "--auto-approve"], timeout: 300)
        #expect(apply.status == 0, "apply with \(profile) failed: \(apply.stderr)")
        let changed = bootable.filter { apply.stdout.contains("domain '\($0)'") }
        #expect(!changed.isEmpty, "\(profile) changed none of the guests, so nothing was proven: \(apply.stdout)")

        var broken: [String] = []
        for name in bootable {
            if let why = Self.boots(sandbox.connection, name) { broken.append("\(name): \(why)") }
        }
        #expect(broken.isEmpty, "\(profile) made guests unbootable: \(broken)")
        print("boot test (\(profile)): \(changed.count) guests changed, \(bootable.count - broken.count) of \(bootable.count) start after apply")
    }
}
