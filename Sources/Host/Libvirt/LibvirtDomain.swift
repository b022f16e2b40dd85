import CLibvirt
import HostModel
import Foundation

/// A handle on one libvirt domain. Its identity and state are read once, when the handle is made
/// (by a listing, a lookup or a define); `refreshState()` asks again.
///
/// A listing hands out handles whose state and persistence came from the listing itself
/// (`LibvirtConnection.listAllDomains()`); a lookup or define asks the driver for them.
///
/// The `virDomainPtr` is freed in `deinit` (a free that cannot meaningfully fail). It keeps its own
/// reference on the C connection, so the handle stays usable after its `LibvirtConnection` closed.
public final class LibvirtDomain: @unchecked Sendable {
    /// The domain name, unique per connection.
    public let name: String
    /// The UUID as libvirt prints it: lowercase, canonical 8-4-4-4-12 form.
    public let uuid: String
    /// The state when the handle was made.
    public let state: DomainState
    /// Whether the domain has a persistent definition (it survives being shut off); `false` for transient domains.
    public let isPersistent: Bool

    private let pointer: OpaquePointer
    /// The connection's call tally, which this handle's calls are counted on.
    let calls: LibvirtCallTally

    /// Whether the domain had a live instance when the handle was made.
    public var isActive: Bool { state.isActive }

    /// The guest OS type (`"hvm"`, ...), or `nil` when the driver cannot report it. Informational only,
    /// so a failure to read it is not an error. Asked of the driver on each use (one call); the
    /// planner reads it from the domain's XML instead.
    public var osType: String? { Self.readOSType(pointer, on: calls) }

    /// Takes ownership of `pointer` and asks the driver for its state and persistence (two calls):
    /// it is freed by `deinit`, or here if reading the fields fails.
    convenience init(taking pointer: OpaquePointer, calls: LibvirtCallTally) throws(LibvirtError) {
        let state: DomainState
        let isPersistent: Bool
        do {
            state = try Self.readState(pointer, on: calls)
            isPersistent = try LibvirtCall.check(virDomainIsPersistent(pointer), "virDomainIsPersistent", on: calls) == 1
        } catch {
            virDomainFree(pointer)
            throw error
        }
        try self.init(taking: pointer, state: state, isPersistent: isPersistent, calls: calls)
    }

    /// Takes ownership of `pointer` with the state and persistence a listing reported; makes no
    /// call to the driver (name and UUID are kept in the handle).
    init(taking pointer: OpaquePointer, state: DomainState, isPersistent: Bool, calls: LibvirtCallTally) throws(LibvirtError) {
        do throws(LibvirtError) {
            // virDomainGetName returns a string owned by the domain object: copy it, never free it.
            guard let name = virDomainGetName(pointer) else { throw LibvirtCall.lastError() }
            self.name = String(cString: name)
            uuid = try Self.uuidString(pointer)
        } catch {
            virDomainFree(pointer)
            throw error
        }
        self.state = state
        self.isPersistent = isPersistent
        self.pointer = pointer
        self.calls = calls
    }

    deinit {
        virDomainFree(pointer)
    }

    /// The persistent definition, including secrets such as graphics passwords: the XML to edit and
    /// feed back to `define(xml:)` (without SECURE a redefine would drop the `passwd` attributes).
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetXMLDesc
    public func persistentXML() throws -> String {
        try xml(flags: VIR_DOMAIN_XML_INACTIVE.rawValue | VIR_DOMAIN_XML_SECURE.rawValue)
    }

    /// The configuration of the running instance, secrets included; for an inactive domain libvirt
    /// returns the persistent definition.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetXMLDesc
    public func liveXML() throws -> String {
        try xml(flags: VIR_DOMAIN_XML_SECURE.rawValue)
    }

    /// Starts the defined domain.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainCreate
    public func start() throws {
        try LibvirtCall.check(virDomainCreate(pointer), "virDomainCreate", on: calls)
    }

    /// Stops the running instance at once, like pulling the plug.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainDestroy
    public func destroy() throws {
        try LibvirtCall.check(virDomainDestroy(pointer), "virDomainDestroy", on: calls)
    }

    /// Removes the persistent definition, with the libvirt metadata that would otherwise block it
    /// (managed-save image, snapshot and checkpoint metadata) but keeping guest data: NVRAM and TPM
    /// state stay on disk. A running domain keeps running as a transient one.
    ///
    /// Drivers that reject these flags (`VIR_ERR_INVALID_ARG`, `VIR_ERR_NO_SUPPORT`) get a plain
    /// `virDomainUndefine` instead.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainUndefineFlags
    public func undefine() throws {
        let flags = VIR_DOMAIN_UNDEFINE_MANAGED_SAVE.rawValue
            | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA.rawValue
            | VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA.rawValue
            | VIR_DOMAIN_UNDEFINE_KEEP_NVRAM.rawValue
            | VIR_DOMAIN_UNDEFINE_KEEP_TPM.rawValue
        if LibvirtCall.counted(virDomainUndefineFlags(pointer, flags), "virDomainUndefineFlags", on: calls) == 0 { return }
        let error = LibvirtCall.lastError()
        let unsupported = [VIR_ERR_INVALID_ARG, VIR_ERR_NO_SUPPORT].map { Int32($0.rawValue) }
        guard unsupported.contains(error.code) else { throw error }
        // See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainUndefine
        try LibvirtCall.check(virDomainUndefine(pointer), "virDomainUndefine", on: calls)
    }

    /// Reads the current state again (`state` keeps the value from when the handle was made).
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetState
    public func refreshState() throws -> DomainState {
        try Self.readState(pointer, on: calls)
    }

    private func xml(flags: UInt32) throws(LibvirtError) -> String {
        try LibvirtCall.take(virDomainGetXMLDesc(pointer, flags), "virDomainGetXMLDesc", on: calls)
    }

    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetUUIDString
    private static func uuidString(_ pointer: OpaquePointer) throws(LibvirtError) -> String {
        // VIR_UUID_STRING_BUFLEN is a macro Swift does not import: 36 characters plus the NUL.
        var buffer = [CChar](repeating: 0, count: 37)
        // Answered from the handle, not the driver: not counted.
        if virDomainGetUUIDString(pointer, &buffer) < 0 { throw LibvirtCall.lastError() }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetState
    static func readState(_ pointer: OpaquePointer, on calls: LibvirtCallTally) throws(LibvirtError) -> DomainState {
        var state: Int32 = 0
        var reason: Int32 = 0
        try LibvirtCall.check(virDomainGetState(pointer, &state, &reason, 0), "virDomainGetState", on: calls)
        return DomainState(rawState: state)
    }

    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetOSType
    private static func readOSType(_ pointer: OpaquePointer, on calls: LibvirtCallTally) -> String? {
        do {
            return try LibvirtCall.take(virDomainGetOSType(pointer), "virDomainGetOSType", on: calls)
        } catch {
            // lastError() already cleared the thread's error; the field is optional by design.
            return nil
        }
    }
}
