import Foundation

/// One plan's domain capabilities, asked of the reader once per key: thousands of domains
/// share a handful of (emulator, arch, machine, virt type) keys. Thread-safe; a lookup made
/// while another is under way waits for it.
final class CapabilityMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [CapabilityKey: CapabilityLookup] = [:]
    private let source: CapabilitySource

    init(_ source: @escaping CapabilitySource) { self.source = source }

    func lookup(_ key: CapabilityKey) -> CapabilityLookup {
        lock.lock()
        defer { lock.unlock() }
        if let cached = known[key] { return cached }
        let result = source(key)
        known[key] = result
        return result
    }
}
