import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("XMLDocument parsing")
struct XMLDocumentTests {
    @Test func wellFormedDocumentParses() throws {
        let document = try XMLDocument(string: try XMLFixture.text("test-domain.xml"))
        #expect(document.root.name == "domain")
        #expect(document.root.attribute("type") == "test")
        #expect(document.root.children.map(\.name).prefix(3) == ["name", "uuid", "memory"])
    }

    @Test func malformedXMLIsAnErrorWithItsLine() throws {
        let error = try #require(throws: XMLError.self) {
            try XMLDocument(string: "<domain>\n  <name>x</nam>\n</domain>\n")
        }
        #expect(error.line == 2)
        #expect(error.message.contains("name"))
        #expect(error.description.hasPrefix("line 2"))
    }

    @Test(arguments: ["", "just text", "<a>", "<a></a><b/>", "<a b='1' b='2'/>"])
    func rejectsInvalidInput(_ text: String) {
        #expect(throws: XMLError.self) { try XMLDocument(string: text) }
    }

    @Test func undeclaredPrefixInDocumentIsAnError() throws {
        let error = try #require(throws: XMLError.self) {
            try XMLDocument(string: "<domain>\n<qemu:commandline/>\n</domain>")
        }
        #expect(error.line == 2)
    }

    @Test func entityBombIsNotExpanded() throws {
        var lines = ["<?xml version='1.0'?>", "<!DOCTYPE lolz [", "<!ENTITY lol0 'lol'>"]
        for level in 1...9 {
            let previous = String(repeating: "&lol\(level - 1);", count: 10)
            lines.append("<!ENTITY lol\(level) '\(previous)'>")
        }
        lines += ["]>", "<lolz>&lol9;</lolz>"]
        let bomb = lines.joined(separator: "\n")

        let clock = ContinuousClock()
        var outcome: Result<XMLDocument, any Error>!
        let elapsed = clock.measure { outcome = Result { try XMLDocument(string: bomb) } }
        // 10^9 "lol"s would be 3 GB. Entities are not substituted (no XML_PARSE_NOENT), and
        // libxml2's amplification check rejects the bomb while checking the reference.
        #expect(elapsed < .seconds(5))
        let error = try #require(throws: XMLError.self) { try outcome.get() }
        #expect(error.message.contains("entity reference loop"))
    }

    @Test func internalEntityReferenceIsKeptAsIs() throws {
        let text = "<!DOCTYPE a [<!ENTITY e 'expanded'>]>\n<a b='&e;'>&e;</a>\n"
        let document = try XMLDocument(string: text)
        // The DOCTYPE is written by libxml2 (its own layout); the reference stays a reference.
        let saved = document.serialize()
        #expect(saved.hasPrefix("<!DOCTYPE a [\n<!ENTITY e \"expanded\">\n]>\n"))
        #expect(saved.hasSuffix("\n<a b='&e;'>&e;</a>\n"))
        #expect(try XMLDocument(string: saved).serialize() == saved)
        #expect(document.root.text == "expanded")
    }

    @Test func externalEntityIsNotRead() throws {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE domain [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <domain><name>&x;</name><description a="1">&x;</description></domain>
            """
        let document = try XMLDocument(string: xxe)
        let name = try #require(try document.select("/domain/name").first)
        #expect(!name.text.contains("root:"))
        #expect(!document.serialize().contains("root:"))
        #expect(!document.serialize(style: .libxml2).contains("root:"))
        #expect(try document.strings("//description").allSatisfy { !$0.contains("root:") })
    }
}
