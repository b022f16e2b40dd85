import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("XMLDocument XPath")
struct XMLXPathTests {
    static func domain() throws -> XMLDocument {
        try XMLDocument(string: try XMLFixture.text("qemu-commandline-domain.xml"))
    }

    @Test(arguments: ["//[", "/domain/", "count(", "//graphics[@type=", "foo:bar", "//foo:bar", "$undefined"])
    func badExpressionIsAnError(_ xpath: String) throws {
        let document = try Self.domain()
        let error = try #require(throws: XMLError.self) { try document.select(xpath) }
        #expect(error.message.contains("'\(xpath)'"))
        #expect(throws: XMLError.self) { try document.evaluate(xpath) }
        #expect(throws: XMLError.self) { try document.strings(xpath) }
    }

    @Test func undefinedPrefixSaysSo() throws {
        let error = try #require(throws: XMLError.self) { try Self.domain().select("foo:bar") }
        #expect(error.message.lowercased().contains("namespace prefix"))
    }

    @Test func qemuNamespaceIsRegistered() throws {
        let document = try Self.domain()
        let commandline = try document.select("/domain/qemu:commandline")
        #expect(commandline.count == 1)
        #expect(commandline.first?.namespaceURI == XMLDocument.namespaces["qemu"])
        #expect(commandline.first?.prefix == "qemu")
        #expect(try document.strings("//qemu:arg/@value") == ["-device", "vfio-pci,host=0000:01:00.0"])
        // Unqualified names do not match namespaced elements.
        #expect(try document.select("//commandline").isEmpty)
    }

    @Test func prefixMatchesByURINotSpelling() throws {
        let document = try XMLDocument(string: """
            <domain xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'><q:commandline/></domain>
            """)
        #expect(try document.select("//qemu:commandline").count == 1)
    }

    @Test func expressionsReturnTheirTypes() throws {
        let document = try Self.domain()
        #expect(try document.evaluate("count(//graphics)") == .number(2))
        #expect(try document.evaluate("string(/domain/name)") == .string("hvh-fixture-qemu"))
        #expect(try document.evaluate("boolean(//tpm)") == .boolean(false))
        #expect(try document.evaluate("boolean(//graphics[@listen='0.0.0.0'])") == .boolean(true))
        #expect(try document.evaluate("//graphics/listen") == .nodes(2))
        #expect(try document.strings("count(//qemu:arg)") == ["2"])
        #expect(try document.strings("//graphics/@type") == ["vnc", "spice"])
        #expect(throws: XMLError.self) { try document.select("count(//graphics)") }
    }

    @Test func selectReturnsElementsOnly() throws {
        let document = try Self.domain()
        #expect(try document.select("//graphics/@type | //name").map(\.name) == ["name"])
        #expect(try document.select("/domain/devices/graphics").map(\.path)
            == ["/domain/devices/graphics[1]", "/domain/devices/graphics[2]"])
    }

    @Test func relativeExpressions() throws {
        let document = try Self.domain()
        let spice = try #require(try document.select("//graphics[@type='spice']").first)
        #expect(try document.select("listen", relativeTo: spice).map(\.path)
            == ["/domain/devices/graphics[2]/listen"])
        #expect(try document.evaluate("string(@autoport)", relativeTo: spice) == .string("yes"))
        // Without a context node, relative paths start at the document node.
        #expect(try document.strings("domain/name") == ["hvh-fixture-qemu"])

        let other = try XMLDocument(string: "<domain/>")
        #expect(throws: XMLError.self) { try document.select("*", relativeTo: other.root) }
    }
}
