import CLibvirt
import HostModel
import Foundation

/// A handle on one libvirt domain. Its identity and state are read once, when the handle is made
/// (by a listing, a lookup or a define); `refreshState()` asks again.
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
    /// The guest OS type (`"hvm"`, ...), or `nil` when the driver cannot report it. Informational only,
    /// so a failure to read it is not an error.
    public let osType: String?

    private let pointer: OpaquePointer

    /// Whether the domain had a live instance when the handle was made.
    public var isActive: Bool { state.isActive }

    /// Takes ownership of `pointer`: it is freed by `deinit`, or here if reading the fields fails.
    init(taking pointer: OpaquePointer) throws(LibvirtError) {
        do {
            // virDomainGetName returns a string owned by the domain object: copy it, never free it.
            name = String(cString: try LibvirtCall.check(virDomainGetName(pointer)))
            uuid = try Self.uuidString(pointer)
            state = try Self.readState(pointer)
            isPersistent = try LibvirtCall.check(virDomainIsPersistent(pointer)) == 1
            osType = Self.readOSType(pointer)
        } catch {
            virDomainFree(pointer)
            throw error
        }
        self.pointer = pointer
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
        try LibvirtCall.check(virDomainCreate(pointer))
    }

    /// Stops the running instance at once, like pulling the plug.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainDestroy
    public func destroy() throws {
        try LibvirtCall.check(virDomainDestroy(pointer))
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
        if virDomainUndefineFlags(pointer, flags) == 0 { return }
        let error = LibvirtCall.lastError()
        let unsupported = [VIR_ERR_INVALID_ARG, VIR_ERR_NO_SUPPORT].map { Int32($0.rawValue) }
        guard unsupported.contains(error.code) else { throw error }
        // See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainUndefine
        try LibvirtCall.check(virDomainUndefine(pointer))
    }

    /// Reads the current state again (`state` keeps the value from when the handle was made).
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetState
    public func refreshState() throws -> DomainState {
        try Self.readState(pointer)
    }

    private func xml(flags: UInt32) throws(LibvirtError) -> String {
        try LibvirtCall.take(virDomainGetXMLDesc(pointer, flags))
    }

    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetUUIDString
    private static func uuidString(_ pointer: OpaquePointer) throws(LibvirtError) -> String {
        // VIR_UUID_STRING_BUFLEN is a macro Swift does not import: 36 characters plus the NUL.
        var buffer = [CChar](repeating: 0, count: 37)
        try LibvirtCall.check(virDomainGetUUIDString(pointer, &buffer))
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetState
    private static func readState(_ pointer: OpaquePointer) throws(LibvirtError) -> DomainState {
        var state: Int32 = 0
        var reason: Int32 = 0
        try LibvirtCall.check(virDomainGetState(pointer, &state, &reason, 0))
        return DomainState(rawState: state)
    }

    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetOSType
    private static func readOSType(_ pointer: OpaquePointer) -> String? {
        do {
            return try LibvirtCall.take(virDomainGetOSType(pointer))
        } catch {
            // lastError() already cleared the thread's error; the field is optional by design.
            return nil
        }
    }
}
