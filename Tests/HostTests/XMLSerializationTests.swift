import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("XMLDocument serialization")
struct XMLSerializationTests {
    /// `virsh -c test:///default dumpxml test`, and a test-driver domain whose title, description
    /// and VNC password hold every character libvirt escapes (dumped with `--security-info`).
    @Test(arguments: ["test-domain.xml", "escaping-domain.xml", "qemu-commandline-domain.xml"])
    func libvirtDumpRoundTripsByteForByte(_ fixture: String) throws {
        let text = try XMLFixture.text(fixture)
        #expect(try XMLDocument(string: text).serialize() == text)
    }

    @Test func libxml2StyleIsTheSameTreeWithDoubleQuotes() throws {
        let text = try XMLFixture.text("escaping-domain.xml")
        let saved = try XMLDocument(string: text).serialize(style: .libxml2)
        #expect(saved.hasPrefix("<domain type=\"test\">\n  <name>esc</name>\n"))
        #expect(!saved.hasPrefix("<?xml"))
        #expect(try XMLDocument(string: saved).serialize() == text)
    }

    @Test func mixedContentIsNotReindented() throws {
        let text = "<a>\n  <b>x<c/>y</b>\n  <!--note-->\n  <d><![CDATA[<raw>]]></d>\n</a>\n"
        #expect(try XMLDocument(string: text).serialize() == text)
    }

    @Test func attributeWhitespaceSurvives() throws {
        let document = try XMLDocument(string: "<a/>")
        try document.root.setAttribute("v", "one\ttwo\nthree")
        let text = document.serialize()
        #expect(text == "<a v='one&#9;two&#10;three'/>\n")
        #expect(try XMLDocument(string: text).root.attribute("v") == "one\ttwo\nthree")
    }
}
