import Foundation
import Testing
import Host
@testable import HostModel
import XMLKit
import TestSupport

/// The connection-level API against the test driver and the fixture node file.
@Suite struct LibvirtConnectionTests {
    @Test func reportsDriverAndVersions() throws {
        let connection = try LibvirtFixture.open()
        #expect(connection.uri == LibvirtFixture.nodeURI)
        #expect(try connection.driverType() == "TEST")
        let version = try connection.libvirtVersion()
        #expect(version.split(separator: ".").count == 3)
        #expect(version.split(separator: ".").allSatisfy { Int($0) != nil })
        #expect(!version.hasPrefix("0."))
        #expect(!(try connection.hostname()).isEmpty)
        // The test driver reports a fake hypervisor version 0.0.2 ("2"), not 0.
        #expect(try connection.hypervisorVersion() == "0.0.2")
    }

    @Test func listsAllFixtureDomainsWithTheirState() throws {
        let connection = try LibvirtFixture.open()
        let domains = try connection.listAllDomains()
        let byName = Dictionary(uniqueKeysWithValues: domains.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["hvh-web", "hvh-vnc", "hvh-off"])

        let web = try #require(byName["hvh-web"])
        #expect(web.uuid == "6f1c0a52-3b7e-4d21-9a0e-1c2d3e4f5a01")
        #expect(web.state == .running)
        #expect(web.isActive)
        #expect(web.isPersistent)

        let off = try #require(byName["hvh-off"])
        #expect(off.uuid == "6f1c0a52-3b7e-4d21-9a0e-1c2d3e4f5a03")
        #expect(off.state == .shutoff)
        #expect(!off.isActive)
        #expect(off.isPersistent)
    }

    @Test func looksUpByName() throws {
        let connection = try LibvirtFixture.open()
        let domain = try connection.lookup(name: "hvh-vnc")
        #expect(domain.name == "hvh-vnc")
        #expect(domain.uuid == "6f1c0a52-3b7e-4d21-9a0e-1c2d3e4f5a02")
        #expect(domain.state == .running)
        #expect(domain.osType != nil)
    }

    @Test func unknownDomainIsNoDomainError() throws {
        let connection = try LibvirtFixture.open()
        let error = try #require(throws: LibvirtError.self) {
            try connection.lookup(name: "hvh-missing")
        }
        #expect(error.codeName == "VIR_ERR_NO_DOMAIN")
        #expect(error.code == 42)
        // The test driver says only "Domain not found"; qemu adds the name.
        #expect(error.message.hasPrefix("Domain not found"))
        #expect(error.description.contains("VIR_ERR_NO_DOMAIN"))
    }

    @Test func badURIFailsWithMessage() throws {
        let error = try #require(throws: LibvirtError.self) {
            try LibvirtConnection(uri: "test:///nonexistent/hvh-node.xml")
        }
        #expect(error.message.contains("/nonexistent/hvh-node.xml"))
        #expect(error.message != "an unknown libvirt error occurred")
        #expect(error.codeName.hasPrefix("VIR_ERR_"))
    }

    @Test func closedConnectionThrowsButDomainsStillWork() throws {
        let connection = try LibvirtFixture.open()
        let domain = try connection.lookup(name: "hvh-web")
        connection.close()
        connection.close()  // closing twice is harmless
        let error = try #require(throws: LibvirtError.self) { try connection.listAllDomains() }
        #expect(error.codeName == "VIR_ERR_INVALID_CONN")
        #expect(error.message.contains("'\(LibvirtFixture.nodeURI)'"))
        // The domain handle holds its own reference on the C connection.
        #expect(try domain.refreshState() == .running)
    }

    @Test func readOnlyConnectionListsButIsDeniedSecretsAndChanges() throws {
        let connection = try LibvirtConnection(uri: LibvirtFixture.nodeURI, readOnly: true)
        #expect(try connection.listAllDomains().count == 3)
        let domain = try connection.lookup(name: "hvh-vnc")
        let xmlError = try #require(throws: LibvirtError.self) { try domain.persistentXML() }
        #expect(xmlError.codeName == "VIR_ERR_OPERATION_DENIED")
        let defineError = try #require(throws: LibvirtError.self) {
            try connection.define(xml: LibvirtFixture.testDomainXML(name: LibvirtFixture.uniqueName()))
        }
        #expect(defineError.codeName == "VIR_ERR_OPERATION_DENIED")
    }

    @Test func connectionsToTheNodeFileAreIsolated() throws {
        let first = try LibvirtFixture.open()
        let second = try LibvirtFixture.open()
        let name = LibvirtFixture.uniqueName()
        _ = try first.define(xml: LibvirtFixture.testDomainXML(name: name))
        #expect(try first.listAllDomains().contains { $0.name == name })
        #expect(try !second.listAllDomains().contains { $0.name == name })
    }

    @Test func sharedAcrossConcurrentTasks() async throws {
        let connection = try LibvirtFixture.open()
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try connection.listAllDomains().count }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 3, count: 8))
    }
}
