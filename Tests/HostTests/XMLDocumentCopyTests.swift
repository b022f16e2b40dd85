import Testing
import XMLKit

/// `copy()` gives an independent document: the same text, and edits to either leave the other alone.
@Suite struct XMLDocumentCopyTests {
    @Test func aCopyIsEqualAndIndependent() throws {
        let original = try XMLDocument(string: "<domain type='qemu'><name>a</name><qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'/></domain>")
        let copy = try original.copy()
        #expect(copy.serialize() == original.serialize())
        try copy.root.setAttribute("type", "kvm")
        #expect(original.root.attribute("type") == "qemu")
        #expect(copy.root.attribute("type") == "kvm")
        #expect(try copy.select("/domain/qemu:commandline").count == 1, "namespaces survive the copy")
    }
}
