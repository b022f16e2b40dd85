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

/// One complete domain definition from `Tests/LiveHostTests/Fixtures/domains`, written from
/// libvirt's domain XML documentation (formatdomain.html) to cover what libvirt accepts: every
/// kind of host device, disk, interface, console, firmware and tuning element, and domains of
/// other drivers (Xen, LXC, bhyve, VMware) that hvharden must leave alone.
struct DomainFixture: Sendable, Hashable, CustomTestStringConvertible {
    static let directory = Repo.root.appendingPathComponent("Tests/LiveHostTests/Fixtures/domains")

    /// The file name, e.g. `hostdev-usb.xml`.
    let file: String
    /// The text as written; a fixture is planned exactly as libvirt would hand it over.
    let xml: String
    /// `/domain/name`.
    let name: String
    /// `/domain/uuid`, or "" when the fixture leaves it to libvirt.
    let uuid: String
    /// `/domain/@type`: `kvm`, `qemu`, `xen`, ...
    let type: String

    var testDescription: String { file }

    /// Whether hvharden evaluates this domain (QEMU/KVM) or reports it as out of scope.
    var isManaged: Bool { Planner.managedDomainTypes.contains(type) }

    /// The domain as the reader would observe it: shut off, persistent definition only.
    var observed: ObservedDomain {
        ObservedDomain(name: name, uuid: uuid, state: .shutoff, isActive: false, persistentXML: xml)
    }

    init(file: String, xml: String) throws {
        let document = try XMLDocument(string: xml)
        guard let name = try document.strings("/domain/name").first, !name.isEmpty else {
            throw FixtureError("fixture '\(file)' has no /domain/name")
        }
        self.file = file
        self.xml = xml
        self.name = name
        uuid = try document.strings("/domain/uuid").first ?? ""
        type = document.root.attribute("type") ?? ""
    }

    /// Every fixture, sorted by file name.
    static func all() throws -> [DomainFixture] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".xml") }.sorted()
        return try names.map { name in
            try DomainFixture(file: name, xml: String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The QEMU/KVM fixtures only.
    static func managed() throws -> [DomainFixture] { try all().filter(\.isManaged) }

    /// The passwords written in the fixture, which no rendering of a plan may contain.
    var secrets: [String] {
        guard let document = try? XMLDocument(string: xml) else { return [] }
        return ((try? document.strings("//@passwd")) ?? []).filter { !$0.isEmpty }
    }
}

/// A test-support failure that names its culprit.
struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
