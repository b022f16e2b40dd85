import CLibvirt

/// A failed libvirt call: the `virError` libvirt recorded for the calling thread, copied into a value.
///
/// `code` and `domain` keep libvirt's raw numbers (`virErrorNumber`, `virErrorDomain`) so they can be
/// looked up in the C docs; `codeName` spells the common codes as their C constant names so callers
/// can match on them without importing the C module.
public struct LibvirtError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The `virErrorNumber`, e.g. 42 for `VIR_ERR_NO_DOMAIN`.
    public let code: Int32
    /// The `virErrorDomain`: the libvirt subsystem that raised the error, e.g. 10 for `VIR_FROM_QEMU`.
    public let domain: Int32
    /// libvirt's own message, or a fallback when libvirt recorded none.
    public let message: String

    /// `VIR_ERR_NO_DOMAIN`: no domain has that name or UUID.
    public static let noDomain = Int32(VIR_ERR_NO_DOMAIN.rawValue)
    /// `VIR_ERR_OPERATION_INVALID`: the call does not apply in the object's state.
    public static let operationInvalid = Int32(VIR_ERR_OPERATION_INVALID.rawValue)
    /// `VIR_ERR_NO_CONNECT`: no driver could open the URI.
    public static let noConnect = Int32(VIR_ERR_NO_CONNECT.rawValue)
    /// The driver does not implement the call (the test driver and domain capabilities).
    public static let noSupport = Int32(VIR_ERR_NO_SUPPORT.rawValue)
    /// A read-only connection asked for something it may not have.
    public static let operationDenied = Int32(VIR_ERR_OPERATION_DENIED.rawValue)
    /// The client lost the daemon, or never reached it.
    public static let systemError = Int32(VIR_ERR_SYSTEM_ERROR.rawValue)
    public static let rpcError = Int32(VIR_ERR_RPC.rawValue)
    public static let invalidConnection = Int32(VIR_ERR_INVALID_CONN.rawValue)

    /// The message used when a call failed but libvirt left no error behind.
    static let unknownMessage = "an unknown libvirt error occurred"

    /// Raw codes stay internal: outside Host, errors only come from libvirt itself.
    init(code: Int32, domain: Int32, message: String?) {
        self.code = code
        self.domain = domain
        self.message = message ?? Self.unknownMessage
    }

    /// This error with libxml2's own diagnosis (`file:line: message`) appended, for the failures
    /// where libvirt itself only says "failed to parse xml document".
    func adding(xmlDetail: String?) -> LibvirtError {
        guard let xmlDetail, !message.contains(xmlDetail) else { return self }
        return LibvirtError(code: code, domain: domain, message: "\(message): \(xmlDetail)")
    }

    /// The C constant name of `code` (`"VIR_ERR_NO_DOMAIN"`), or `"VIR_ERR_<n>"` for a code not in the table.
    public var codeName: String {
        Self.codeNames[code] ?? "VIR_ERR_\(code)"
    }

    public var description: String {
        "libvirt error \(codeName): \(message)"
    }

    /// The codes hvharden is likely to meet, named as in `virterror.h`. The table is built from the C
    /// constants themselves so that a typo cannot pair a name with the wrong number.
    private static let codeNames: [Int32: String] = {
        let pairs: [(virErrorNumber, String)] = [
            (VIR_ERR_OK, "VIR_ERR_OK"),
            (VIR_ERR_INTERNAL_ERROR, "VIR_ERR_INTERNAL_ERROR"),
            (VIR_ERR_NO_MEMORY, "VIR_ERR_NO_MEMORY"),
            (VIR_ERR_NO_SUPPORT, "VIR_ERR_NO_SUPPORT"),
            (VIR_ERR_UNKNOWN_HOST, "VIR_ERR_UNKNOWN_HOST"),
            (VIR_ERR_NO_CONNECT, "VIR_ERR_NO_CONNECT"),
            (VIR_ERR_INVALID_CONN, "VIR_ERR_INVALID_CONN"),
            (VIR_ERR_INVALID_DOMAIN, "VIR_ERR_INVALID_DOMAIN"),
            (VIR_ERR_INVALID_ARG, "VIR_ERR_INVALID_ARG"),
            (VIR_ERR_OPERATION_FAILED, "VIR_ERR_OPERATION_FAILED"),
            (VIR_ERR_OS_TYPE, "VIR_ERR_OS_TYPE"),
            (VIR_ERR_NO_NAME, "VIR_ERR_NO_NAME"),
            (VIR_ERR_XML_ERROR, "VIR_ERR_XML_ERROR"),
            (VIR_ERR_DOM_EXIST, "VIR_ERR_DOM_EXIST"),
            (VIR_ERR_OPERATION_DENIED, "VIR_ERR_OPERATION_DENIED"),
            (VIR_ERR_OPEN_FAILED, "VIR_ERR_OPEN_FAILED"),
            (VIR_ERR_READ_FAILED, "VIR_ERR_READ_FAILED"),
            (VIR_ERR_PARSE_FAILED, "VIR_ERR_PARSE_FAILED"),
            (VIR_ERR_CONF_SYNTAX, "VIR_ERR_CONF_SYNTAX"),
            (VIR_ERR_WRITE_FAILED, "VIR_ERR_WRITE_FAILED"),
            (VIR_ERR_XML_DETAIL, "VIR_ERR_XML_DETAIL"),
            (VIR_ERR_SYSTEM_ERROR, "VIR_ERR_SYSTEM_ERROR"),
            (VIR_ERR_RPC, "VIR_ERR_RPC"),
            (VIR_ERR_NO_DOMAIN, "VIR_ERR_NO_DOMAIN"),
            (VIR_ERR_AUTH_FAILED, "VIR_ERR_AUTH_FAILED"),
            (VIR_ERR_OPERATION_INVALID, "VIR_ERR_OPERATION_INVALID"),
            (VIR_ERR_CONFIG_UNSUPPORTED, "VIR_ERR_CONFIG_UNSUPPORTED"),
            (VIR_ERR_OPERATION_TIMEOUT, "VIR_ERR_OPERATION_TIMEOUT"),
            (VIR_ERR_ARGUMENT_UNSUPPORTED, "VIR_ERR_ARGUMENT_UNSUPPORTED"),
            (VIR_ERR_OPERATION_ABORTED, "VIR_ERR_OPERATION_ABORTED"),
            (VIR_ERR_AUTH_CANCELLED, "VIR_ERR_AUTH_CANCELLED"),
            (VIR_ERR_OPERATION_UNSUPPORTED, "VIR_ERR_OPERATION_UNSUPPORTED"),
            (VIR_ERR_RESOURCE_BUSY, "VIR_ERR_RESOURCE_BUSY"),
            (VIR_ERR_ACCESS_DENIED, "VIR_ERR_ACCESS_DENIED"),
            (VIR_ERR_XML_INVALID_SCHEMA, "VIR_ERR_XML_INVALID_SCHEMA"),
            (VIR_ERR_AUTH_UNAVAILABLE, "VIR_ERR_AUTH_UNAVAILABLE"),
            (VIR_ERR_MULTIPLE_DOMAINS, "VIR_ERR_MULTIPLE_DOMAINS"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (Int32($0.0.rawValue), $0.1) })
    }()
}
