import CLibvirt
import Foundation

/// One secret object as libvirt lists it: what it is for and whether its value can be read back
/// through the API. The value itself is never fetched.
public struct LibvirtSecretSummary: Hashable, Sendable {
    public var uuid: String
    /// `volume`, `ceph`, `iscsi`, `tls`, `vtpm` or `none`.
    public var usageType: String
    /// The volume path, the Ceph or iSCSI usage name, or the TLS / vTPM name; nil for `none`.
    public var usageID: String?
    /// `private='yes'`: the value cannot be read through the API.
    public var isPrivate: Bool

    public init(uuid: String, usageType: String, usageID: String?, isPrivate: Bool) {
        self.uuid = uuid
        self.usageType = usageType
        self.usageID = usageID
        self.isPrivate = isPrivate
    }
}

extension LibvirtConnection {
    /// Every secret the connection's secret driver holds, in two calls whatever their number:
    /// all of them, then those that are not private (`VIR_CONNECT_LIST_SECRETS_NO_PRIVATE`). The
    /// UUID and usage of a listed secret are read from the object libvirt returned, without a call.
    /// See https://libvirt.org/html/libvirt-libvirt-secret.html#virConnectListAllSecrets
    public func listSecrets() throws -> [LibvirtSecretSummary] {
        try withPointer { connection in
            let all = try secretPointers(connection, flags: 0)
            defer { for pointer in all { virSecretFree(pointer) } }
            let open = try secretPointers(connection, flags: VIR_CONNECT_LIST_SECRETS_NO_PRIVATE.rawValue)
            defer { for pointer in open { virSecretFree(pointer) } }
            let readable = Set(try open.map(Self.uuidString))
            return try all.map { pointer in
                let uuid = try Self.uuidString(pointer)
                let type = virSecretGetUsageType(pointer)
                return LibvirtSecretSummary(
                    uuid: uuid, usageType: Self.usageName(type), usageID: virSecretGetUsageID(pointer).map { String(cString: $0) },
                    isPrivate: !readable.contains(uuid))
            }.sorted { $0.uuid < $1.uuid }
        }
    }

    /// Defines a secret from its XML and returns its UUID (for tests and tools that make
    /// secrets; hvharden itself never defines one). Its value is not set.
    /// See https://libvirt.org/html/libvirt-libvirt-secret.html#virSecretDefineXML
    public func defineSecret(xml: String) throws -> String {
        try withPointer { connection in
            let pointer = try LibvirtCall.check(virSecretDefineXML(connection, xml, 0), "virSecretDefineXML", on: calls)
            defer { virSecretFree(pointer) }
            return try Self.uuidString(pointer)
        }
    }

    /// Removes the secret with `uuid` (its definition and value).
    public func undefineSecret(uuid: String) throws {
        try withPointer { connection in
            let pointer = try LibvirtCall.check(virSecretLookupByUUIDString(connection, uuid), "virSecretLookupByUUIDString", on: calls)
            defer { virSecretFree(pointer) }
            try LibvirtCall.check(virSecretUndefine(pointer), "virSecretUndefine", on: calls)
        }
    }

    private func secretPointers(_ connection: OpaquePointer, flags: UInt32) throws(LibvirtError) -> [OpaquePointer] {
        var array: UnsafeMutablePointer<virSecretPtr?>?
        let count = Int(try LibvirtCall.check(virConnectListAllSecrets(connection, &array, flags), "virConnectListAllSecrets", on: calls))
        guard let array else { return [] }
        // "The caller is responsible for calling virSecretFree() on each array element, then
        // calling free() on @secrets."
        defer { free(array) }
        return (0..<count).compactMap { array[$0] }
    }

    private static func uuidString(_ pointer: OpaquePointer) throws(LibvirtError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(VIR_UUID_STRING_BUFLEN))
        // Reads the object's cached UUID: no call reaches the driver.
        guard virSecretGetUUIDString(pointer, &buffer) == 0 else { throw LibvirtCall.lastError() }
        return String(cString: buffer)
    }

    /// The XML name of a `virSecretUsageType`.
    static func usageName(_ type: Int32) -> String {
        switch UInt32(bitPattern: type) {
        case VIR_SECRET_USAGE_TYPE_VOLUME.rawValue: return "volume"
        case VIR_SECRET_USAGE_TYPE_CEPH.rawValue: return "ceph"
        case VIR_SECRET_USAGE_TYPE_ISCSI.rawValue: return "iscsi"
        case VIR_SECRET_USAGE_TYPE_TLS.rawValue: return "tls"
        case VIR_SECRET_USAGE_TYPE_VTPM.rawValue: return "vtpm"
        case VIR_SECRET_USAGE_TYPE_NONE.rawValue: return "none"
        default: return "type \(type)"
        }
    }
}
