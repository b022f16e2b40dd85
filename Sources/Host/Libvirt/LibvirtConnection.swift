import CLibvirt
import Foundation

/// One connection to a libvirt driver (`qemu:///system`, `test:///path/node.xml`, ...).
///
/// A `virConnectPtr` may be used from several threads at once, so the class is `@unchecked Sendable`.
/// The connection closes in `deinit` or earlier through `close()`; domains already handed out keep
/// working, because each `virDomainPtr` holds its own reference on the C connection.
public final class LibvirtConnection: @unchecked Sendable {
    /// The URI this connection was opened with.
    public let uri: String
    /// The libvirt calls made on this connection and its domains (also counted process-wide).
    public let calls: LibvirtCallTally

    /// `nil` once `close()` ran. Guarded by `lock`, which is held only to read or clear the pointer,
    /// never across a libvirt call, so calls on one connection still run in parallel.
    private var pointer: OpaquePointer?
    private let lock = NSLock()

    /// libvirt's default error handler prints every error to stderr. Replacing it with a no-op is
    /// process-wide and must happen before the first `virConnectOpen`, whose errors have no
    /// connection handler to go to yet.
    /// See https://libvirt.org/html/libvirt-virterror.html#virSetErrorFunc
    private static let defaultErrorPrinterSilenced: Void = {
        virSetErrorFunc(nil) { _, _ in }
    }()

    /// Opens a read-write connection to `uri`.
    /// See https://libvirt.org/html/libvirt-libvirt-host.html#virConnectOpen
    public convenience init(uri: String) throws {
        try self.init(uri: uri, readOnly: false)
    }

    /// Opens a connection to `uri`. A read-only one (`virConnectOpenReadOnly`) is what an
    /// unprivileged user may get: it lists domains, but libvirt refuses it the secure XML that
    /// `persistentXML()` and `liveXML()` ask for (`VIR_ERR_OPERATION_DENIED`), and every change.
    /// See https://libvirt.org/html/libvirt-libvirt-host.html#virConnectOpenReadOnly
    public init(uri: String, readOnly: Bool) throws {
        _ = Self.defaultErrorPrinterSilenced
        let calls = LibvirtCallTally()
        // The error is read inside the capture, before anything else can touch libvirt's state.
        let (opened, xmlDetail) = LibxmlDiagnosticCapture.run {
            Result { () throws(LibvirtError) in
                readOnly
                    ? try LibvirtCall.check(virConnectOpenReadOnly(uri), "virConnectOpenReadOnly", on: calls)
                    : try LibvirtCall.check(virConnectOpen(uri), "virConnectOpen", on: calls)
            }
        }
        let pointer = try opened.mapError { $0.adding(xmlDetail: xmlDetail) }.get()
        // Errors raised on a connection go to its own handler first; silence that one too.
        // See https://libvirt.org/html/libvirt-virterror.html#virConnSetErrorFunc
        virConnSetErrorFunc(pointer, nil) { _, _ in }
        self.uri = uri
        self.calls = calls
        self.pointer = pointer
    }

    deinit {
        // virConnectClose only drops a reference here; there is nothing useful to do if it fails.
        if let pointer { virConnectClose(pointer) }
    }

    /// Closes the connection; later calls on it throw `VIR_ERR_INVALID_CONN`. Closing twice is harmless.
    /// See https://libvirt.org/html/libvirt-libvirt-host.html#virConnectClose
    public func close() {
        lock.lock()
        let pointer = self.pointer
        self.pointer = nil
        lock.unlock()
        if let pointer { virConnectClose(pointer) }
    }

    /// The URI libvirt itself reports for the connection (`qemu:///system` for `qemu+unix:///system`
    /// or an empty default), so two spellings of one daemon compare equal.
    /// See https://libvirt.org/html/libvirt-libvirt-host.html#virConnectGetURI
    public func canonicalURI() throws -> String {
        try withPointer { pointer in
            // Formatted by the client library from the connection: not a call to the driver, not counted.
            guard let text = virConnectGetURI(pointer) else { throw LibvirtCall.lastError() }
            defer { free(text) }
            return String(cString: text)
        }
    }

    /// libvirt's domain capabilities document for one emulator, architecture, machine type and
    /// virt type (nil: the driver's default for each).
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virConnectGetDomainCapabilities
    public func domainCapabilities(emulator: String?, arch: String?, machine: String?, virtType: String?) throws -> String {
        try withPointer { pointer in
            let text = try LibvirtCall.check(
                virConnectGetDomainCapabilities(pointer, emulator, arch, machine, virtType, 0), "virConnectGetDomainCapabilities", on: calls)
            defer { free(text) }
            return String(cString: text)
        }
    }

    /// The driver name, e.g. `"QEMU"` or `"TEST"`.
    /// See https://libvirt.org/html/libvirt-libvirt-host.html#virConnectGetType
    public func driverType() throws -> String {
        try withPointer { pointer in
            // A static string owned by the driver: not freed.
            String(cString: try LibvirtCall.check(virConnectGetType(pointer), "virConnectGetType", on: calls))
        }
    }

    /// The version of the libvirt library serving the connection (the daemon's for a remote URI), e.g. `"9.0.0"`.
    /// See https://libvirt.org/html/libvirt-libvirt-host.html#virConnectGetLibVersion
    public func libvirtVersion() throws -> String {
        try withPointer { pointer in
            var version: UInt = 0
            try LibvirtCall.check(virConnectGetLibVersion(pointer, &version), "virConnectGetLibVersion", on: calls)
            return Self.dotted(version)
        }
    }

    /// The hypervisor version, e.g. `"7.2.0"` for QEMU 7.2, or `nil` when the driver does not know it.
    /// See https://libvirt.org/html/libvirt-libvirt-host.html#virConnectGetVersion
    public func hypervisorVersion() throws -> String? {
        try withPointer { pointer in
            var version: UInt = 0
            let result = LibvirtCall.counted(virConnectGetVersion(pointer, &version), "virConnectGetVersion", on: calls)
            if result < 0 {
                let error = LibvirtCall.lastError()
                if error.code == Int32(VIR_ERR_NO_SUPPORT.rawValue) { return nil }
                throw error
            }
            // "0 if the version can't be extracted by lack of capacities".
            return version == 0 ? nil : Self.dotted(version)
        }
    }

    /// The host name of the machine running the hypervisor.
    /// See https://libvirt.org/html/libvirt-libvirt-host.html#virConnectGetHostname
    public func hostname() throws -> String {
        try withPointer { pointer in try LibvirtCall.take(virConnectGetHostname(pointer), "virConnectGetHostname", on: calls) }
    }

    /// The domain called `name`; throws `VIR_ERR_NO_DOMAIN` when there is none.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainLookupByName
    public func lookup(name: String) throws -> LibvirtDomain {
        try withPointer { pointer in
            try LibvirtDomain(taking: try LibvirtCall.check(virDomainLookupByName(pointer, name), "virDomainLookupByName", on: calls), calls: calls)
        }
    }

    /// Defines (or redefines, same name and UUID) a persistent domain from `xml`, validated against
    /// libvirt's RNG schema: without validation libvirt silently drops elements it does not know.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainDefineXMLFlags
    public func define(xml: String) throws -> LibvirtDomain {
        try define(xml: xml, validate: true)
    }

    /// Defines a domain with or without schema validation. Rollback redefines a journal copy
    /// without it: that XML is libvirt's own output and must come back exactly as it was.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainDefineXMLFlags
    public func define(xml: String, validate: Bool) throws -> LibvirtDomain {
        try withPointer { pointer in
            let flags = validate ? VIR_DOMAIN_DEFINE_VALIDATE.rawValue : 0
            return try LibvirtDomain(
                taking: try LibvirtCall.check(virDomainDefineXMLFlags(pointer, xml, flags), "virDomainDefineXMLFlags", on: calls), calls: calls)
        }
    }

    /// Runs `body` with the C connection, holding an extra reference so a concurrent `close()`
    /// cannot free it mid-call. The reference is dropped after `body` has read any error.
    func withPointer<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        lock.lock()
        guard let pointer else {
            lock.unlock()
            throw LibvirtError(
                code: Int32(VIR_ERR_INVALID_CONN.rawValue), domain: Int32(VIR_FROM_NONE.rawValue),
                message: "connection to '\(uri)' is closed")
        }
        virConnectRef(pointer)
        lock.unlock()
        defer { virConnectClose(pointer) }
        return try body(pointer)
    }

    /// libvirt packs versions as `major * 1_000_000 + minor * 1_000 + release`.
    private static func dotted(_ version: UInt) -> String {
        "\(version / 1_000_000).\(version / 1_000 % 1_000).\(version % 1_000)"
    }
}
