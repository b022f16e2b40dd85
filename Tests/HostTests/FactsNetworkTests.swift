import Foundation
import Testing
@testable import Host
@testable import HostModel
import TestSupport

/// The facts the guest-bridge and MAC rules read (docs/facts.md: `network`,
/// `mac.apparmorProfiles`), each from a sandbox root.
@Suite("Facts: bridges, addresses, libvirt networks and AppArmor profiles")
struct FactsNetworkTests {
    /// A host with its management address on br0 (the guests' bridge), a second address on eth1,
    /// and libvirt's NAT bridge virbr0, as the kernel writes the files.
    static func bridgedHost(_ root: FactsFakeRoot) throws {
        for name in ["br0", "virbr0"] { try root.directory("/sys/class/net/\(name)/bridge") }
        for name in ["eth0", "eth1", "lo"] { try root.directory("/sys/class/net/\(name)") }
        try root.write("/proc/net/fib_trie", """
            Main:
              +-- 0.0.0.0/0 3 0 5
                 |-- 0.0.0.0
                    /0 universe UNICAST
                 +-- 192.0.2.0/24 2 0 2
                    |-- 192.0.2.0
                       /24 link UNICAST
                    |-- 192.0.2.10
                       /32 host LOCAL
                 |-- 192.168.122.1
                    /32 host LOCAL
                 |-- 198.51.100.7
                    /32 host LOCAL
            Local:
              +-- 127.0.0.0/8 2 0 2
                 |-- 127.0.0.1
                    /32 host LOCAL
            """)
        try root.write("/proc/net/route", """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            br0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
            br0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            virbr0\t007AA8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            eth1\t006433C6\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            """)
        try root.write("/proc/net/if_inet6", """
            20010db8000000000000000000000010 03 40 00 00     br0
            fe80000000000000505400fffe123456 03 40 20 80     br0
            00000000000000000000000000000001 01 80 10 80       lo
            """)
    }

    @Test func bridgesAndTheHostsAddressesOnEachInterface() throws {
        let root = try FactsFakeRoot()
        try Self.bridgedHost(root)
        let network = root.read().network
        #expect(network.bridges == ["br0", "virbr0"])
        #expect(network.ipv4 == ["br0": ["192.0.2.10"], "virbr0": ["192.168.122.1"], "eth1": ["198.51.100.7"]])
        #expect(network.ipv6 == ["br0": ["2001:db8::10", "fe80::5054:ff:fe12:3456"], "lo": ["::1"]])
        #expect(network.addresses(of: "br0") == ["192.0.2.10", "2001:db8::10", "fe80::5054:ff:fe12:3456"])
        #expect(network.addresses(of: "eth0") == [])
    }

    @Test func unreadableAddressFilesAreUnknownAndAKernelWithoutIPv6HasNone() throws {
        let root = try FactsFakeRoot()
        #expect(root.read().network.bridges == nil && root.read().network.addresses(of: "br0") == nil)
        try root.write("/proc/net/fib_trie", "Main:\n")
        #expect(root.read().network.ipv4 == nil, "the route table is missing")
        try root.write("/proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n")
        let network = root.read().network
        #expect(network.ipv4 == [:] && network.ipv6 == [:], "no if_inet6 but a readable /proc/net: IPv6 is off")
    }

    @Test func ipv6TextIsCompressedAsRFC5952Says() {
        #expect(IPv6Addresses.compressed("20010db8000000000001000000000001") == "2001:db8::1:0:0:1")
        #expect(IPv6Addresses.compressed("20010db8000100000000000000000000") == "2001:db8:1::")
        #expect(IPv6Addresses.compressed("00000000000000000000000000000000") == "::")
        #expect(IPv6Addresses.compressed("20010db8000100020003000400050006") == "2001:db8:1:2:3:4:5:6")
        #expect(IPv6Addresses.compressed("20010db8000000010000000000000001") == "2001:db8:0:1::1", "a single zero group stays")
    }

    @Test func libvirtNetworksAreReadThroughAugeas() throws {
        let root = try FactsFakeRoot()
        try root.write("/etc/libvirt/qemu/networks/default.xml", """
            <!-- WARNING: THIS IS AN AUTO-GENERATED FILE. -->
            <network>
              <name>default</name>
              <forward mode='nat'/>
              <bridge name='virbr0' stp='on' delay='0'/>
            </network>
            """)
        try root.write("/etc/libvirt/qemu/networks/host-bridge.xml", "<network><name>host-bridge</name><forward mode='bridge'/><bridge name='br0'/></network>")
        try root.write("/etc/libvirt/qemu/networks/isolated.xml", "<network><name>isolated</name><bridge name='virbr1'/></network>")
        try root.write("/etc/libvirt/qemu/networks/plain-forward.xml", "<network><name>plain-forward</name><forward/><bridge name='virbr2'/></network>")
        try root.write("/etc/libvirt/qemu/networks/autostart/README", "not a definition")
        let network = root.read().network
        #expect(network.libvirtNetworkProblems == [])
        #expect(network.libvirtNetworks == [
            LibvirtNetwork(name: "default", forwardMode: "nat", bridge: "virbr0"),
            LibvirtNetwork(name: "host-bridge", forwardMode: "bridge", bridge: "br0"),
            LibvirtNetwork(name: "isolated", forwardMode: nil, bridge: "virbr1"),
            LibvirtNetwork(name: "plain-forward", forwardMode: "nat", bridge: "virbr2"),
        ])
        #expect(network.libvirtNetworks.map(\.bridgeIsLibvirts) == [true, false, true, true])
    }

    @Test func aNetworkFileTheLensRejectsIsAProblemNamingIt() throws {
        let root = try FactsFakeRoot()
        try root.write("/etc/libvirt/qemu/networks/broken.xml", "<network><name>broken</name>")
        let network = root.read().network
        #expect(network.libvirtNetworks.isEmpty)
        #expect(network.libvirtNetworkProblems.count == 1 && network.libvirtNetworkProblems[0].contains("broken.xml"), "\(network.libvirtNetworkProblems)")
    }

    @Test func appArmorProfilesAndTheirModes() throws {
        let root = try FactsFakeRoot()
        #expect(root.read().mac.apparmorProfiles == nil)
        try root.write("/sys/kernel/security/apparmor/profiles", """
            libvirtd (enforce)
            libvirt-6d2b6b1e-3c4a-4f7e-9b0a-1f2e3d4c5b6a (complain)
            /usr/lib/NetworkManager/nm-dhcp-client.action (enforce)
            a profile with spaces (kill)
            garbage line
            """)
        #expect(root.read().mac.apparmorProfiles == [
            "libvirtd": "enforce", "libvirt-6d2b6b1e-3c4a-4f7e-9b0a-1f2e3d4c5b6a": "complain",
            "/usr/lib/NetworkManager/nm-dhcp-client.action": "enforce", "a profile with spaces": "kill",
        ])
    }
}
