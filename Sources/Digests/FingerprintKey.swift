import COpenSSL

/// A host-local secret key for fingerprints (HMAC-SHA-256 through OpenSSL). A plan's basis
/// fingerprints domain definitions and config files that hold passwords; with a plain hash,
/// anyone who can read a saved plan and the rest of the text (a read-only `dumpxml`) could test
/// password guesses offline. Keyed, the fingerprints say only "same" or "different" to whoever
/// holds the key: the hosts's state directory.
public struct FingerprintKey: Sendable, Equatable {
    public static let byteCount = 32
    public let bytes: [UInt8]

    /// A key from stored bytes; nil unless exactly `byteCount` of them.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// A new random key from OpenSSL's CSPRNG.
    public static func generate() throws -> FingerprintKey {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        guard RAND_bytes(&bytes, Int32(byteCount)) == 1 else { throw RandomUnavailable() }
        return FingerprintKey(bytes: bytes)!
    }

    /// `hmac-sha256:` and the lowercase hex MAC of `message`.
    public func fingerprint(_ message: some Sequence<UInt8>) -> String {
        // A string's or array's own storage when it has one: copying a domain definition into
        // an array first went byte by byte.
        if let done = message.withContiguousStorageIfAvailable({ fingerprint(of: $0) }) { return done }
        return Array(message).withUnsafeBufferPointer { fingerprint(of: $0) }
    }

    private func fingerprint(of data: UnsafeBufferPointer<UInt8>) -> String {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = bytes.withUnsafeBufferPointer { key in
            HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), data.baseAddress, data.count, &mac, &length)
        }
        // HMAC fails only when libcrypto cannot allocate a context.
        precondition(result != nil, "libcrypto could not compute HMAC-SHA-256")
        return Self.scheme + Hex.encode(Array(mac.prefix(Int(length))))
    }

    public static let scheme = "hmac-sha256:"

    public struct RandomUnavailable: Error, CustomStringConvertible {
        public var description: String { "the system's random number generator is unavailable" }
    }
}
