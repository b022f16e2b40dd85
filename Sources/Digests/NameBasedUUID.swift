import COpenSSL

/// Name-based UUIDs (RFC 9562 version 5): the SHA-1 of a namespace UUID and a name, through
/// OpenSSL, with the version and variant bits set. The same namespace and name always give the
/// same UUID, so a document that names the same host and rules again gets the same ids. SHA-1 is
/// what version 5 prescribes; nothing here relies on it resisting collisions made on purpose.
public enum NameBasedUUID {
    /// hvharden's namespace for the ids of its OSCAL documents (a fixed random UUID).
    public static let hvhardenNamespace = "6a6304f8-22b7-436d-93ed-fcbb1828b896"

    /// The lowercase UUID for `name` in `namespace` (a UUID in its usual text form).
    public static func make(namespace: String = hvhardenNamespace, name: String) -> String {
        guard let space = bytes(of: namespace) else { preconditionFailure("'\(namespace)' is not a UUID") }
        var hash = Array(SHA1.hash(space + Array(name.utf8)).prefix(16))
        hash[6] = (hash[6] & 0x0f) | 0x50
        hash[8] = (hash[8] & 0x3f) | 0x80
        let hex = Hex.encode(hash)
        let cuts = [8, 12, 16, 20]
        var text = ""
        for (i, character) in hex.enumerated() {
            if cuts.contains(i) { text.append("-") }
            text.append(character)
        }
        return text
    }

    /// The 16 bytes of a UUID's text form; nil when it is not one.
    static func bytes(of uuid: String) -> [UInt8]? {
        let parts = uuid.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return nil }
        return Hex.decode(parts.joined())
    }
}

/// SHA-1 through OpenSSL's EVP interface, for name-based UUIDs only.
public enum SHA1 {
    /// The 20-byte digest of `message`.
    public static func hash(_ message: [UInt8]) -> [UInt8] { EVPDigest.hash(message, EVP_sha1(), name: "SHA-1") }
}
