import Foundation
import Host
@testable import HostModel
import XMLKit
import TestSupport

/// Shared setup for the libvirt tests: the test-driver node file and unique domain names.
enum LibvirtFixture {
    /// `test:///ABS/PATH/node.xml`: every connection to it gets a private copy of the three fixture
    /// domains, so tests running in parallel cannot see each other's changes (unlike `test:///default`).
    static let nodeURI: String = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/libvirt/node.xml")
        return "test://" + file.path
    }()

    /// A fresh connection to the fixture node.
    static func open() throws -> LibvirtConnection {
        try LibvirtConnection(uri: nodeURI)
    }

    /// A domain name no other test (or real guest) uses.
    static func uniqueName() -> String {
        "hvh-test-" + UUID().uuidString.prefix(8).lowercased()
    }

    /// A minimal domain for the test driver.
    static func testDomainXML(name: String, extra: String = "") -> String {
        """
        <domain type='test'>
          <name>\(name)</name>
          <memory unit='KiB'>65536</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64'>hvm</type></os>
          \(extra)
        </domain>
        """
    }
}
