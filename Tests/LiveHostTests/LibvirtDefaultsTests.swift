import Foundation
import Host
@testable import Planner
import Testing
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Issue 4's done-when, on the real libvirtd: with Debian's default configuration (the lab
/// root) and a freshly defined domain, no change is proposed for anything libvirt fills in by
/// itself (the UUID, MAC and PCI addresses, the default controllers and devices).
///
/// The guests are TCG (`type='qemu'`, posture `virtualization: software`), so the tests run on
/// CI machines without /dev/kvm; libvirt completes a TCG definition the same way.
@Suite(.serialized, .tags(.daemon), .enabled(if: DaemonTests.wanted, DaemonTests.skipped)) struct LibvirtDefaultsTests {
    /// Written to satisfy every baseline domain rule, and silent about everything libvirt adds:
    /// no UUID, no MAC, no addresses, no PCI controllers.
    static func compliantDomain(_ name: String) -> String {
        """
        <domain type='qemu'>
          <name>\(name)</name>
          <memory unit='MiB'>64</memory>
          <vcpu>1</vcpu>
          <memtune><hard_limit unit='MiB'>128</hard_limit></memtune>
          <memoryBacking><nosharepages/></memoryBacking>
          <cputune><shares>1024</shares></cputune>
          <os><type arch='x86_64' machine='q35'>hvm</type></os>
          <features><acpi/><apic/><vmport state='off'/></features>
          <devices>
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source file='/var/lib/libvirt/images/\(name).qcow2'/>
              <target dev='vda' bus='virtio'/>
            </disk>
            <interface type='network'><source network='default'/><model type='virtio'/></interface>
            <controller type='usb' model='none'/>
            <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
            <memballoon model='none'/>
          </devices>
        </domain>
        """
    }

    /// What a quick virt-install-style definition looks like: a console on every address, core
    /// dumps, and libvirt's defaults (a virtio balloon, a USB controller) left in place.
    static func insecureDomain(_ name: String) -> String {
        """
        <domain type='qemu'>
          <name>\(name)</name>
          <memory unit='MiB' dumpCore='on'>64</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64' machine='q35'>hvm</type></os>
          <features><acpi/><apic/></features>
          <on_crash>coredump-restart</on_crash>
          <devices>
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source file='/var/lib/libvirt/images/\(name).qcow2'/>
              <target dev='vda' bus='virtio'/>
            </disk>
            <interface type='network'><source network='default'/><model type='virtio'/></interface>
            <graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0'><listen type='address' address='0.0.0.0'/></graphics>
            <console type='pty'/>
          </devices>
        </domain>
        """
    }

    @Test func freshlyDefinedCompliantDomainNeedsNoChange() throws {
        let sandbox = try LibvirtDefaultsSandbox()
        let name = try sandbox.define("compliant", Self.compliantDomain)
        let document = try XMLDocument(string: try sandbox.persistentXML(name))
        // libvirt did fill things in, or this test would prove nothing.
        #expect(try document.strings("/domain/uuid").first?.isEmpty == false)
        #expect(try document.strings("/domain/devices/interface/mac/@address").count == 1)
        #expect(try document.select("/domain/devices/*/address[@type='pci']").count >= 2)
        #expect(try document.select("/domain/devices/controller[@model='pcie-root-port']").count >= 1)
        #expect(try document.select("/domain/devices/controller[@type='sata']").count == 1)

        let plan = try sandbox.plan(try sandbox.policy())
        #expect(plan.domainChanges(name).isEmpty, "changes on a compliant domain: \(plan.domainChanges(name).map(\.label))")
        #expect(plan.domainFindings(name).isEmpty,
                "findings on a compliant domain: \(plan.domainFindings(name).map { "\($0.rule): \($0.message)" })")
    }

    @Test func insecureDomainChangesOnlyWhatItsRulesOwn() throws {
        let sandbox = try LibvirtDefaultsSandbox()
        let name = try sandbox.define("insecure", Self.insecureDomain)
        let policy = try sandbox.policy()
        let xml = try sandbox.persistentXML(name)
        let before = try XMLDocument(string: xml)
        // libvirt added a virtio balloon with a PCI address; the balloon rule must not touch it.
        #expect(try before.select("/domain/devices/memballoon[@model='virtio']/address").count == 1)

        let plan = try sandbox.plan(policy)
        let changes = plan.domainChanges(name)
        let rules = Set(changes.map(\.rule))
        let expected: Set = [
            "domain-vmport-off", "domain-memballoon-none", "domain-on-crash-no-dump", "domain-memory-dumpcore-off",
            "domain-memory-nosharepages", "domain-graphics-listen-local",
        ]
        #expect(rules.isSuperset(of: expected), "missing: \(expected.subtracting(rules).sorted())")
        for change in changes {
            let filled = LibvirtDefaultsOwnership.libvirtFilledValue(in: change)
            #expect(filled == nil, "'\(change.rule)' changes \(filled ?? "")")
            let outside = LibvirtDefaultsOwnership.outsideOwnedPath(change)
            #expect(outside == nil, "\(outside ?? "")")
        }

        // Apply as the Applier does (edit libvirt's own definition, define it with validation),
        // then read it back: libvirt's values are as they were, and nothing is left to change.
        let edited = try DomainFixtureConvergence.apply(plan, domain: name, to: xml)
        _ = try sandbox.connection.define(xml: edited, validate: true)
        let after = try XMLDocument(string: try sandbox.persistentXML(name))
        for xpath in Self.filledByLibvirt {
            #expect(try Self.values(xpath, in: after) == Self.values(xpath, in: before), "libvirt's \(xpath) changed")
        }
        let again = try sandbox.plan(policy)
        #expect(again.domainChanges(name).isEmpty, "still to change: \(again.domainChanges(name).map(\.label))")
    }

    /// What libvirt filled in, compared before and after the apply. The balloon is left out:
    /// libvirt drops its address once its model is 'none', which is libvirt's own doing.
    static let filledByLibvirt = [
        "/domain/uuid",
        "/domain/devices/interface/mac",
        "/domain/devices/*[not(self::memballoon)]/address",
        "/domain/devices/controller",
        "/domain/devices/controller/target",
        "/domain/devices/input",
    ]

    /// Each selected element as `name a='1' b='2' text`, in document order.
    static func values(_ xpath: String, in document: XMLDocument) throws -> [String] {
        try document.select(xpath).map { element in
            ([element.name] + element.attributes.map { "\($0.name)='\($0.value)'" } + [element.text]).joined(separator: " ")
        }
    }
}
