import CAugeas

/// A failure reported by Augeas: the handle's error (code, message, minor message, details) and,
/// for load and save failures, the per-file problems read from `/augeas/files//error`.
///
/// `code` keeps Augeas's numbering (`aug_errcode_t`) and `codeName` its C constant name, so both
/// can be grepped against `augeas.h`. A load or save that fails only because of file problems has
/// code `AUG_NOERROR` (Augeas does not flag them on the handle) and a non-empty `fileErrors`.
public struct AugeasError: Error, Sendable, CustomStringConvertible {
    /// The `aug_errcode_t` value from `aug_error`.
    public let code: Int32
    /// What failed, naming the culprit in quotes, followed by Augeas's own message.
    public let message: String
    /// `aug_error_minor_message`, e.g. "empty name" for a bad path expression.
    public let minor: String?
    /// `aug_error_details`, e.g. where in a path expression parsing stopped.
    public let details: String?
    /// Per-file problems; non-empty for load and save failures.
    public let fileErrors: [AugeasFileError]

    /// The C constant name of `code`, e.g. `AUG_EPATHX`.
    public var codeName: String {
        let names = [
            "AUG_NOERROR", "AUG_ENOMEM", "AUG_EINTERNAL", "AUG_EPATHX", "AUG_ENOMATCH",
            "AUG_EMMATCH", "AUG_ESYNTAX", "AUG_ENOLENS", "AUG_EMXFM", "AUG_ENOSPAN",
            "AUG_EMVDESC", "AUG_ECMDRUN", "AUG_EBADARG", "AUG_ELABEL", "AUG_ECPDESC",
            "AUG_EFILEACCESS",
        ]
        return names.indices.contains(Int(code)) ? names[Int(code)] : "AUG_E\(code)"
    }

    public var description: String {
        var text = "\(message) [\(codeName)]"
        if let minor { text += ": \(minor)" }
        if let details { text += " (\(details))" }
        for fileError in fileErrors { text += "\n  \(fileError)" }
        return text
    }

    /// One line per problem for people: each file's error (with its line, where known), or the
    /// handle's error when no file is at fault.
    public var problems: [String] {
        fileErrors.isEmpty ? ["augeas: \(description)"] : fileErrors.map(\.description)
    }

    init(code: Int32, message: String, minor: String? = nil, details: String? = nil,
         fileErrors: [AugeasFileError] = []) {
        self.code = code
        self.message = message
        self.minor = minor
        self.details = details
        self.fileErrors = fileErrors
    }

    /// Reads the handle's current error. Call it right after the failing call: the next Augeas
    /// call on the same handle resets it.
    init(handle: OpaquePointer, context: String, fileErrors: [AugeasFileError] = []) {
        let code = aug_error(handle)
        let cMessage = aug_error_message(handle).map { String(cString: $0) }
        self.init(
            code: code,
            message: cMessage.map { "\(context): \($0)" } ?? context,
            minor: aug_error_minor_message(handle).map { String(cString: $0) },
            details: aug_error_details(handle).map { String(cString: $0) },
            fileErrors: fileErrors
        )
    }
}
