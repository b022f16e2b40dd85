import Foundation
import Host
import Planner
import XMLKit

/// libvirt's domain capabilities, asked once per key (emulator, arch, machine, virt type) for a
/// whole plan: thousands of domains share a handful of keys. Thread-safe; a lookup made while
/// another is under way waits for it. It uses the reader's connection, or opens its own the first
/// time it is asked (a listing closes its connection before evaluation ends), and closes it when
/// released.
final class CapabilityCache: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [CapabilityKey: CapabilityLookup] = [:]
    private var connection: LibvirtConnection?
    private let owned: Bool
    private let uri: String

    init(uri: String, connection: LibvirtConnection?) {
        self.uri = uri
        self.connection = connection
        owned = connection == nil
    }

    deinit { if owned { connection?.close() } }

    func lookup(_ key: CapabilityKey) -> CapabilityLookup {
        lock.lock()
        defer { lock.unlock() }
        if let cached = known[key] { return cached }
        let result = fetch(key)
        known[key] = result
        return result
    }

    private func fetch(_ key: CapabilityKey) -> CapabilityLookup {
        do {
            if connection == nil { connection = try LibvirtConnection(uri: uri, readOnly: true) }
            let xml = try connection!.domainCapabilities(
                emulator: key.emulator, arch: key.arch, machine: key.machine, virtType: key.virtType.isEmpty ? nil : key.virtType)
            return .available(try DomainCapabilities(document: XMLDocument(string: xml)))
        } catch let error as LibvirtError {
            let cannotTell: Set<Int32> = [
                LibvirtError.noSupport, LibvirtError.operationDenied, LibvirtError.systemError, LibvirtError.rpcError,
                LibvirtError.invalidConnection, LibvirtError.noConnect,
            ]
            return cannotTell.contains(error.code) ? .unknown("'\(uri)': \(error.message)") : .unsupported(error.message)
        } catch {
            return .unknown("'\(uri)' gave a domain capabilities document hvharden cannot read: \(error)")
        }
    }
}
