import Foundation
import Host
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// A private connection to libvirt's test driver with no domains (`test:///TMP/node.xml`; each
/// connection to a node file keeps its own state, unlike the shared `test:///default`). Defining
/// a fixture there runs libvirt's generic domain parser and schema validation, which is what
/// "a domain libvirt accepts" means without a hypervisor; dumping it back gives the definition
/// as libvirt formats it, which is what hvharden reads in production.
final class DomainFixtureTestDriver {
    let connection: LibvirtConnection

    init() throws {
        connection = try DomainFixturePolicy.withScratch { dir in
            let node = dir.appendingPathComponent("node.xml")
            try "<node></node>\n".write(to: node, atomically: true, encoding: .utf8)
            // The driver reads the file while connecting; it is not needed afterwards.
            return try LibvirtConnection(uri: "test://\(node.path)")
        }
    }

    deinit { connection.close() }

    /// Defines (or redefines) `xml` with schema validation and returns libvirt's persistent
    /// definition of it, read with INACTIVE|SECURE like the live reader does.
    func define(_ xml: String) throws -> String {
        try connection.define(xml: xml, validate: true).persistentXML()
    }
}
