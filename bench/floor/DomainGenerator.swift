/// Realistic, reproducible domain definitions for the benchmark.
///
/// Domain `i` always gets the same devices, so runs are comparable: a mix of KVM and TCG guests,
/// q35 and i440fx machines, a quarter of q35 guests on UEFI (some with Secure Boot), one to three
/// disks on virtio, SATA or SCSI, optional CD-ROMs, one or two NICs, VNC with and without a
/// password, SPICE open to the network, headless guests, guest-agent and SPICE channels, RNGs and
/// balloons. Everything is accepted by `virDomainDefineXMLFlags(..., VALIDATE)` on a stock Debian
/// 12 libvirtd (no OVMF, swtpm or networks beyond `default` needed: nothing is started).
struct DomainGenerator {
    /// `hvh-bench-<random>`: every name starts with it, so cleanup can find them all.
    let prefix: String

    func name(_ index: Int) -> String {
        let digits = String(index)
        return "\(prefix)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }

    /// A UUID derived from the prefix and the index: stable for a run, unique across runs.
    func uuid(_ index: Int) -> String {
        var seed = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
        for byte in prefix.utf8 { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var mixer = Mixer(seed)
        let a = mixer.next(), b = mixer.next()
        let hex = Self.hex(a, 16) + Self.hex(b, 16)
        let c = Array(hex)
        // Version 4 layout so libvirt and readers see an ordinary random UUID.
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-a"
            + String(c[17..<20]) + "-" + String(c[20..<32])
    }

    /// The definition of domain `index`. For the test driver, a domain that should be shut off
    /// carries `<test:runstate>5</test:runstate>`; the others start running.
    func xml(_ index: Int, testDriver: Bool) -> String {
        var pick = Mixer(UInt64(index) &+ 1)
        let kvm = pick.below(10) != 0
        let q35 = pick.below(5) != 0
        let uefi = q35 && pick.below(4) == 0
        let secureBoot = uefi && pick.below(2) == 0
        let memoryGiB = [1, 2, 4, 8, 16][pick.below(5)]
        let balloonedGiB = pick.below(3) == 0 ? max(1, memoryGiB / 2) : memoryGiB
        let vcpus = [1, 2, 2, 4, 8][pick.below(5)]
        let running = testDriver && pick.below(10) < 3
        let name = name(index)
        let mac = "52:54:00:\(Self.hex(UInt64(index >> 8 & 0xff), 2)):\(Self.hex(UInt64(index & 0xff), 2))"

        var x = "<domain type='\(kvm ? "kvm" : "qemu")'"
        if testDriver { x += " xmlns:test='http://libvirt.org/schemas/domain/test/1.0'" }
        x += ">\n  <name>\(name)</name>\n  <uuid>\(uuid(index))</uuid>\n"
        x += "  <title>Bench guest \(index) &amp; friends</title>\n"
        x += "  <memory unit='GiB'>\(memoryGiB)</memory>\n  <currentMemory unit='GiB'>\(balloonedGiB)</currentMemory>\n"
        x += "  <vcpu placement='static'>\(vcpus)</vcpu>\n"
        x += "  <os>\n    <type arch='x86_64' machine='\(q35 ? "pc-q35-7.2" : "pc-i440fx-7.2")'>hvm</type>\n"
        if uefi {
            let code = secureBoot ? "OVMF_CODE_4M.ms.fd" : "OVMF_CODE_4M.fd"
            let vars = secureBoot ? "OVMF_VARS_4M.ms.fd" : "OVMF_VARS_4M.fd"
            x += "    <loader readonly='yes'\(secureBoot ? " secure='yes'" : "") type='pflash'>/usr/share/OVMF/\(code)</loader>\n"
            x += "    <nvram template='/usr/share/OVMF/\(vars)'>/var/lib/libvirt/qemu/nvram/\(name)_VARS.fd</nvram>\n"
        }
        x += "    <boot dev='hd'/>\n  </os>\n"
        x += "  <features>\n    <acpi/>\n    <apic/>\n"
        if secureBoot { x += "    <smm state='on'/>\n" }
        if pick.below(3) == 0 { x += "    <vmport state='off'/>\n" }
        x += "  </features>\n"
        switch pick.below(3) {
        case 0: x += "  <cpu mode='host-model' check='partial'/>\n"
        case 1: x += "  <cpu mode='host-passthrough' check='none' migratable='on'/>\n"
        default: break
        }
        x += "  <clock offset='utc'/>\n  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n"
        x += "  <on_crash>\(pick.below(2) == 0 ? "destroy" : "restart")</on_crash>\n"
        x += "  <devices>\n    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
        x += disks(name, &pick, q35: q35)
        x += "    <controller type='usb' index='0' model='qemu-xhci'/>\n"
        for nic in 0..<(1 + pick.below(2)) {
            let source = pick.below(3) == 0 ? "bridge" : "network"
            x += "    <interface type='\(source)'>\n      <mac address='\(mac):\(Self.hex(UInt64(nic), 2))'/>\n"
            x += source == "bridge" ? "      <source bridge='br0'/>\n" : "      <source network='default'/>\n"
            x += "      <model type='\(pick.below(4) == 0 ? "e1000" : "virtio")'/>\n    </interface>\n"
        }
        x += "    <serial type='pty'>\n      <target port='0'/>\n    </serial>\n"
        x += "    <console type='pty'>\n      <target type='serial' port='0'/>\n    </console>\n"
        if pick.below(5) < 3 {
            x += "    <channel type='unix'>\n      <target type='virtio' name='org.qemu.guest_agent.0'/>\n    </channel>\n"
        }
        x += graphics(index, &pick)
        if pick.below(2) == 0 {
            x += "    <rng model='virtio'>\n      <backend model='random'>/dev/urandom</backend>\n    </rng>\n"
        }
        x += pick.below(4) == 0 ? "    <memballoon model='none'/>\n" : "    <memballoon model='virtio'/>\n"
        x += "  </devices>\n"
        if testDriver && !running { x += "  <test:runstate>5</test:runstate>\n" }
        x += "</domain>\n"
        return x
    }

    private func disks(_ name: String, _ pick: inout Mixer, q35: Bool) -> String {
        var x = ""
        var scsi = false
        for disk in 0..<(1 + pick.below(3)) {
            let (bus, dev): (String, String)
            switch pick.below(4) {
            case 0: (bus, dev) = ("sata", "sd\(Self.letter(disk))")
            case 1: (bus, dev) = ("scsi", "sd\(Self.letter(disk + 8))"); scsi = true
            default: (bus, dev) = ("virtio", "vd\(Self.letter(disk))")
            }
            let raw = pick.below(3) == 0
            let cache = pick.below(2) == 0 ? " cache='none' io='native'" : ""
            x += "    <disk type='file' device='disk'>\n      <driver name='qemu' type='\(raw ? "raw" : "qcow2")'\(cache)/>\n"
            x += "      <source file='/var/lib/libvirt/images/\(name)-\(disk).\(raw ? "img" : "qcow2")'/>\n"
            x += "      <target dev='\(dev)' bus='\(bus)'/>\n    </disk>\n"
        }
        if pick.below(5) == 0 {
            let bus = q35 ? "sata" : "ide"
            x += "    <disk type='file' device='cdrom'>\n      <driver name='qemu' type='raw'/>\n"
            x += "      <source file='/var/lib/libvirt/images/debian-12.iso'/>\n"
            x += "      <target dev='\(q35 ? "sdz" : "hdc")' bus='\(bus)'/>\n      <readonly/>\n    </disk>\n"
        }
        if scsi { x += "    <controller type='scsi' index='0' model='virtio-scsi'/>\n" }
        return x
    }

    private func graphics(_ index: Int, _ pick: inout Mixer) -> String {
        switch pick.below(5) {
        case 0, 1:
            // VNC with a password, on every address: the password must never reach any output.
            return "    <graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0' passwd='\(Self.password(&pick))'>\n"
                + "      <listen type='address' address='0.0.0.0'/>\n    </graphics>\n"
                + "    <video>\n      <model type='virtio' heads='1' primary='yes'/>\n    </video>\n"
        case 2:
            return "    <channel type='spicevmc'>\n      <target type='virtio' name='com.redhat.spice.0'/>\n    </channel>\n"
                + "    <graphics type='spice' autoport='yes' listen='0.0.0.0'>\n"
                + "      <listen type='address' address='0.0.0.0'/>\n    </graphics>\n"
                + "    <video>\n      <model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1' primary='yes'/>\n    </video>\n"
                + "    <redirdev bus='usb' type='spicevmc'/>\n"
        case 3:
            return "    <input type='tablet' bus='usb'/>\n"
                + "    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>\n"
                + "      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n"
                + "    <video>\n      <model type='virtio' heads='1' primary='yes'/>\n    </video>\n"
        default:
            return ""
        }
    }

    /// Eight characters at most: QEMU refuses longer VNC passwords.
    private static func password(_ pick: inout Mixer) -> String {
        "pw" + hex(pick.next() & 0xff_ffff, 6)
    }

    private static func letter(_ n: Int) -> Character {
        Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(n % 26)))
    }

    private static func hex(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// SplitMix64: a tiny deterministic generator, so domain `i` is the same in every run.
struct Mixer {
    private var state: UInt64

    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
