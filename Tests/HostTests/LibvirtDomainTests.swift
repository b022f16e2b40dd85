import Testing
import Host
@testable import HostModel
import XMLKit
import TestSupport

/// Domain XML, define and life cycle against the test driver and the fixture node file.
@Suite struct LibvirtDomainTests {
    @Test func persistentXMLKeepsSecretsAndHasNoRuntimeId() throws {
        let connection = try LibvirtFixture.open()
        let domain = try connection.lookup(name: "hvh-vnc")
        let xml = try domain.persistentXML()
        #expect(xml.contains("<name>hvh-vnc</name>"))
        #expect(xml.contains("<uuid>6f1c0a52-3b7e-4d21-9a0e-1c2d3e4f5a02</uuid>"))
        // Without VIR_DOMAIN_XML_SECURE libvirt leaves passwd out.
        #expect(xml.contains("passwd='s3cret'"))
        // Only a running instance has an id.
        #expect(xml.hasPrefix("<domain type='test'>"))
    }

    @Test func liveXMLIsTheRunningInstance() throws {
        let connection = try LibvirtFixture.open()
        let domain = try connection.lookup(name: "hvh-vnc")
        let xml = try domain.liveXML()
        #expect(xml.contains("<domain type='test' id="))
        #expect(xml.contains("passwd='s3cret'"))
    }

    @Test func liveXMLOfAnInactiveDomainIsItsDefinition() throws {
        let connection = try LibvirtFixture.open()
        let domain = try connection.lookup(name: "hvh-off")
        #expect(try domain.liveXML() == domain.persistentXML())
        #expect(!(try domain.liveXML()).contains(" id="))
    }

    @Test func defineRoundTripsThroughThePersistentXML() throws {
        let connection = try LibvirtFixture.open()
        let name = LibvirtFixture.uniqueName()
        let domain = try connection.define(xml: LibvirtFixture.testDomainXML(name: name))
        #expect(domain.name == name)
        #expect(domain.state == .shutoff)
        #expect(domain.isPersistent)
        #expect(domain.uuid.count == 36)
        #expect(domain.uuid == domain.uuid.lowercased())

        // Redefining from the dumped XML keeps the same name and UUID.
        let again = try connection.define(xml: try domain.persistentXML())
        #expect(again.uuid == domain.uuid)
        #expect(try connection.lookup(name: name).uuid == domain.uuid)
        #expect(try connection.listAllDomains().count == 4)
    }

    @Test func defineValidatesAgainstTheSchema() throws {
        let connection = try LibvirtFixture.open()
        let name = LibvirtFixture.uniqueName()
        let xml = LibvirtFixture.testDomainXML(name: name, extra: "<hvhUnknownElement/>")
        let error = try #require(throws: LibvirtError.self) { try connection.define(xml: xml) }
        #expect(error.codeName == "VIR_ERR_XML_INVALID_SCHEMA")
        #expect(!error.message.isEmpty)
        #expect(error.message != "an unknown libvirt error occurred")
        // Nothing was defined.
        #expect(throws: LibvirtError.self) { try connection.lookup(name: name) }
    }

    @Test func malformedXMLIsAnErrorNotACrash() throws {
        let connection = try LibvirtFixture.open()
        let error = try #require(throws: LibvirtError.self) {
            try connection.define(xml: "<domain type='test'><name>unclosed")
        }
        #expect(error.codeName == "VIR_ERR_XML_DETAIL" || error.codeName == "VIR_ERR_XML_ERROR")
        #expect(!error.message.isEmpty)
    }

    @Test func startDestroyAndRefreshState() throws {
        let connection = try LibvirtFixture.open()
        let domain = try connection.lookup(name: "hvh-off")
        #expect(domain.state == .shutoff)
        try domain.start()
        #expect(try domain.refreshState() == .running)
        // The handle keeps the state it was made with; a new lookup sees the new one.
        #expect(domain.state == .shutoff)
        #expect(try connection.lookup(name: "hvh-off").isActive)
        try domain.destroy()
        #expect(try domain.refreshState() == .shutoff)

        let error = try #require(throws: LibvirtError.self) { try domain.destroy() }
        #expect(error.codeName == "VIR_ERR_OPERATION_INVALID")
    }

    @Test func undefineRemovesTheDefinition() throws {
        let connection = try LibvirtFixture.open()
        let name = LibvirtFixture.uniqueName()
        let domain = try connection.define(xml: LibvirtFixture.testDomainXML(name: name))
        try domain.undefine()
        let error = try #require(throws: LibvirtError.self) { try connection.lookup(name: name) }
        #expect(error.codeName == "VIR_ERR_NO_DOMAIN")
        #expect(try connection.listAllDomains().map(\.name).sorted() == ["hvh-off", "hvh-vnc", "hvh-web"])
    }

    @Test func undefiningARunningDomainLeavesItTransient() throws {
        let connection = try LibvirtFixture.open()
        try connection.lookup(name: "hvh-web").undefine()
        let web = try connection.lookup(name: "hvh-web")
        #expect(web.state == .running)
        #expect(!web.isPersistent)
        // listAllDomains includes transient domains.
        #expect(try connection.listAllDomains().contains { $0.name == "hvh-web" && !$0.isPersistent })
    }
}
