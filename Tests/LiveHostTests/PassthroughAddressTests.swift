import Host
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// PCI addresses from domain XML, normalised to the sysfs form of the host facts.
@Suite struct PassthroughAddressTests {
    @Test(arguments: [
        ("0x0000", "0x01", "0x00", "0x0", "0000:01:00.0"),
        (nil, "0x3b", "0x1f", "0x7", "0000:3b:1f.7"),
        ("0x10000" as String?, "1", "2", "3", nil),
        ("0", "10", "0x02", "0x1", "0000:0a:02.1"),
        ("0", "010", "0", "0", "0000:08:00.0"),
        ("0x0000", "0x01", "0x20", "0x0", nil),
        ("0x0000", "0x01", "0x00", "0x8", nil),
        ("0x0000", "0xZZ", "0x00", "0x0", nil),
    ] as [(String?, String, String, String, String?)])
    func normalisation(domain: String?, bus: String, slot: String, function: String, expected: String?) {
        #expect(PCIAddress(domain: domain, bus: bus, slot: slot, function: function)?.description == expected)
    }

    @Test func inventorySortsDevicesByKind() throws {
        let xml = """
        <domain type='kvm'><name>a</name><memory>1048576</memory><os><type arch='x86_64'>hvm</type></os><devices>
          <hostdev mode='subsystem' type='pci' managed='yes'><driver name='vfio'/><source><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source></hostdev>
          <interface type='hostdev'><source><address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x2'/></source></interface>
          <interface type='network'><source network='default'/></interface>
          <hostdev mode='subsystem' type='usb'><source><address bus='1' device='4'/></source></hostdev>
          <hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source></hostdev>
          <controller type='usb' model='qemu-xhci'/><redirdev bus='usb' type='tcp'><source mode='connect' host='10.0.0.1' service='4000'/></redirdev>
        </devices></domain>
        """
        let inventory = try HostDeviceInventory(XMLDocument(string: xml))
        #expect(inventory.assignedAddresses == ["0000:01:00.0", "0000:03:10.2"])
        #expect(inventory.pci.map(\.managed) == ["yes", nil])
        #expect(inventory.pci.map(\.driver) == ["vfio", nil])
        #expect(inventory.usb == ["USB hostdev at bus '1' device '4'"])
        #expect(inventory.other == ["hostdev mode='subsystem' type='scsi'"])
        #expect(inventory.redirdevs == ["redirdev bus='usb' type='tcp'"])
        #expect(inventory.hostDeviceCount == 4)
    }
}
