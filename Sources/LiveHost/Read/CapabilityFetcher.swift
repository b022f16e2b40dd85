import Foundation
import Host
import Planner
import XMLKit

/// Fetches libvirt's domain capabilities for the live reader (the Planner asks once per key,
/// `CapabilityMemo`). Thread-safe. It uses the reader's connection, or opens its own the first
/// time it is asked (a listing closes its connection before evaluation ends), and closes it when
/// released. A driver without the call (the test driver) or a connection that fails makes every
/// lookup `.unknown`; an error about the configuration itself (no KVM, an unknown machine or
/// architecture) makes it `.unsupported`.
final class CapabilityFetcher: @unchecked Sendable {
    private let lock = NSLock()
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
        return fetch(key)
    }

    private func fetch(_ key: CapabilityKey) -> CapabilityLookup {
        do {
            // Read-write, as the reader's own: libvirt refuses domain capabilities to read-only connections.
            if connection == nil { connection = try LibvirtConnection(uri: uri) }
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
