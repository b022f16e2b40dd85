import Digests
import Planner

/// A fixed fingerprint key for tests, so fingerprints computed in a test match those its
/// readers compute.
public enum TestKey {
    public static let key = FingerprintKey(bytes: (0..<UInt8(FingerprintKey.byteCount)).map { $0 &* 7 &+ 3 })!

    public static func fingerprint(_ text: String) -> Fingerprint { .digest(key.fingerprint(text.utf8)) }
}
