import Compiler

/// SHA-256 fingerprints for the plan's basis.
enum Digest {
    static func sha256Hex(_ text: String) -> String { SHA256.hex(Array(text.utf8)) }
    static func sha256Hex(_ bytes: [UInt8]) -> String { SHA256.hex(bytes) }
}
