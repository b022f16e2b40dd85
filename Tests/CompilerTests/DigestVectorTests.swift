import Digests
import Testing

/// The digests hvharden takes from OpenSSL, checked against published vectors: SHA-256 from
/// FIPS 180-4 (NIST CSRC "SHA256.pdf", "SHA256ShortMsg"); HMAC-SHA-256 against Python's `hmac`.
@Suite struct DigestVectorTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func standardVectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test func oneMillionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the 56-byte padding boundary need one or two final blocks.
    @Test func paddingBoundaries() {
        #expect(SHA256.hex(Array(String(repeating: "a", count: 55).utf8))
            == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 56).utf8))
            == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256.hash([]).count == 32)
    }

    /// HMAC-SHA-256 with the 32-byte key 00 01 … 1f, as Python's `hmac` module computes it
    /// (`hmac.new(bytes(range(32)), msg, hashlib.sha256).hexdigest()`).
    @Test func keyedFingerprints() throws {
        let key = try #require(FingerprintKey(bytes: Array(0..<32)))
        #expect(key.fingerprint(Array("what do ya want for nothing?".utf8))
            == "hmac-sha256:099805f4ac310786968565c098db515cc50862b420ae31e20238312344bed36a")
        #expect(key.fingerprint([UInt8]()) == "hmac-sha256:d38b42096d80f45f826b44a9d5607de72496a415d3f4a1a8c88e3bb9da8dc1cb")
        #expect(FingerprintKey(bytes: Array(0..<31)) == nil)
        // Two generated keys differ, and each gives another fingerprint of the same text.
        let a = try FingerprintKey.generate(), b = try FingerprintKey.generate()
        #expect(a != b && a.fingerprint(Array("x".utf8)) != b.fingerprint(Array("x".utf8)))
    }
}
