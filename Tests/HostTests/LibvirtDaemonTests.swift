import Foundation
import Testing
import Host
@testable import HostModel
import XMLKit
import TestSupport

/// The one test against a real libvirtd (`qemu:///system`): define, read back and undefine a tiny
/// TCG guest. It fails, never skips, when the daemon is unreachable.
@Suite(.tags(.daemon), .enabled(if: DaemonTests.wanted, DaemonTests.skipped)) struct LibvirtDaemonTests {
    static let uri = "qemu:///system"

    @Test func definesReadsBackAndUndefinesATinyGuest() throws {
        let connection: LibvirtConnection
        do {
            connection = try LibvirtConnection(uri: Self.uri)
        } catch {
            Issue.record("libvirtd is not reachable at '\(Self.uri)' (\(error)); run scripts/start-libvirtd.sh first")
            return
        }
        defer { connection.close() }
        #expect(try connection.driverType() == "QEMU")
        #expect(try connection.hypervisorVersion() != nil)

        let name = LibvirtFixture.uniqueName()
        let xml = """
            <domain type='qemu'>
              <name>\(name)</name>
              <memory unit='MiB'>64</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
            </domain>
            """
        let clock = ContinuousClock()
        let started = clock.now
        let domain = try connection.define(xml: xml)
        let elapsed = clock.now - started
        defer {
            do { try domain.undefine() } catch { Issue.record("could not undefine '\(name)': \(error)") }
        }
        // ~20 ms normally; ~48 s means libvirtd started before /dev/kvm had its kvm group (see scripts/start-libvirtd.sh).
        #expect(elapsed < .seconds(10), "defining '\(name)' took \(elapsed); was libvirtd started before 'chgrp kvm /dev/kvm'?")

        #expect(domain.name == name)
        #expect(domain.state == .shutoff)
        #expect(domain.isPersistent)
        #expect(domain.osType == "hvm")
        let persistent = try domain.persistentXML()
        #expect(persistent.contains("<name>\(name)</name>"))
        #expect(persistent.contains("<uuid>\(domain.uuid)</uuid>"))
        // libvirt filled in defaults, e.g. the full machine type and an emulator.
        #expect(persistent.contains("<emulator>"))
        #expect(try connection.lookup(name: name).uuid == domain.uuid)
        #expect(try connection.listAllDomains().contains { $0.uuid == domain.uuid })
    }
}
