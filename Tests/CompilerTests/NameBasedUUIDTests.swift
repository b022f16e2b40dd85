import Digests
import Testing

/// SHA-1 and the name-based UUIDs of the OSCAL documents, checked against published vectors
/// (FIPS 180-4's "abc") and Python's `uuid.uuid5`.
@Suite struct NameBasedUUIDTests {
    @Test func sha1OfAbcIsTheFIPSVector() {
        #expect(Hex.encode(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Hex.encode(SHA1.hash([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    /// `uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")` and two names in hvharden's namespace.
    @Test func version5AsPythonComputesIt() {
        #expect(NameBasedUUID.make(namespace: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", name: "python.org")
            == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(NameBasedUUID.make(name: "host hv01") == "0c5eb983-83d7-598d-8b4d-ebf95b181bf5")
        #expect(NameBasedUUID.make(name: "") == "2aadf0f3-2c65-5286-8786-d34f85edccec")
    }

    @Test func sameNameSameIdOtherNameOtherId() {
        let id = NameBasedUUID.make(name: "result hv01")
        #expect(id == NameBasedUUID.make(name: "result hv01"))
        #expect(id != NameBasedUUID.make(name: "result hv02"))
        #expect(id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil, "\(id)")
    }
}
