import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("XMLElement")
struct XMLElementTests {
    static func domain() throws -> XMLDocument {
        try XMLDocument(string: try XMLFixture.text("qemu-commandline-domain.xml"))
    }

    @Test func navigation() throws {
        let document = try Self.domain()
        let root = document.root
        #expect(root.parent == nil)
        let devices = try #require(root.children(named: "devices").first)
        #expect(devices.parent == root)
        #expect(devices.children(named: "graphics").count == 2)
        #expect(root.children(named: "qemu:commandline").count == 1)
        #expect(root.children(named: "commandline").isEmpty)
        let vnc = try #require(devices.children(named: "graphics").first)
        #expect(vnc.attributes.map(\.name) == ["type", "port", "autoport", "listen"])
        #expect(vnc.attributes.map(\.value) == ["vnc", "-1", "yes", "0.0.0.0"])
        #expect(vnc.attribute("passwd") == nil)
        #expect(try document.select("//name").first?.text == "hvh-fixture-qemu")
    }

    @Test func editsSurviveSerializeAndReparse() throws {
        let document = try Self.domain()
        let vnc = try #require(try document.select("//graphics[@type='vnc']").first)
        try vnc.setAttribute("listen", "127.0.0.1")
        try vnc.setAttribute("passwd", "a'b\"c<&>")
        vnc.removeAttribute("autoport")
        vnc.removeAttribute("absent")
        try #require(vnc.children(named: "listen").first).remove()
        let devices = try #require(vnc.parent)
        try devices.appendChild("rng", attributes: [("model", "virtio")])
            .appendChild("backend", attributes: [("model", "random")])
            .setText("/dev/urandom")
        try #require(try document.select("//name").first).setText("new & <improved>")

        let reparsed = try XMLDocument(string: document.serialize())
        let graphics = try #require(try reparsed.select("//graphics[@type='vnc']").first)
        #expect(graphics.attributes.map(\.name) == ["type", "port", "listen", "passwd"])
        #expect(graphics.attribute("listen") == "127.0.0.1")
        #expect(graphics.attribute("passwd") == "a'b\"c<&>")
        #expect(graphics.children.isEmpty)
        #expect(try reparsed.strings("//rng[@model='virtio']/backend[@model='random']") == ["/dev/urandom"])
        #expect(try reparsed.evaluate("string(/domain/name)") == .string("new & <improved>"))
        #expect(reparsed.serialize() == document.serialize())
    }

    @Test func appendingQemuElementDeclaresItsNamespaceOnTheRoot() throws {
        let document = try XMLDocument(string: try XMLFixture.text("test-domain.xml"))
        let commandline = try document.root.appendChild("qemu:commandline")
        try commandline.appendChild("qemu:arg", attributes: [("value", "-S")])
        #expect(commandline.namespaceURI == XMLDocument.namespaces["qemu"])

        let text = document.serialize()
        #expect(text.hasPrefix("<domain type='test' id='1' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n"))
        #expect(text.hasSuffix("  <qemu:commandline>\n    <qemu:arg value='-S'/>\n  </qemu:commandline>\n</domain>\n"))
        #expect(try XMLDocument(string: text).strings("//qemu:arg/@value") == ["-S"])
    }

    @Test func invalidNamesAreErrors() throws {
        let document = try Self.domain()
        let root = document.root
        let before = document.serialize()
        #expect(throws: XMLError.self) { try root.appendChild("foo:bar") }
        #expect(throws: XMLError.self) { try root.appendChild("bad name") }
        #expect(throws: XMLError.self) { try root.appendChild("") }
        #expect(throws: XMLError.self) { try root.setAttribute("foo:bar", "1") }
        #expect(throws: XMLError.self) { try root.setAttribute("a=b", "1") }
        #expect(document.serialize() == before)
    }

    @Test func removedElementsStaySafeToRead() throws {
        let document = try Self.domain()
        let devices = try #require(try document.select("/domain/devices").first)
        let listen = try #require(try document.select("//graphics[1]/listen").first)
        devices.remove()
        devices.remove()
        #expect(devices.parent == nil)
        #expect(listen.attribute("address") == "0.0.0.0")
        listen.remove()
        #expect(try document.select("//graphics").isEmpty)
        document.root.remove()
        #expect(document.root.name == "domain")

        let name = try #require(try document.select("/domain/name").first)
        let text = name.text
        name.setText("")
        #expect(text == "hvh-fixture-qemu")
        #expect(document.serialize().contains("<name/>"))
    }
}
