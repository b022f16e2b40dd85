import CLibvirt
import Foundation

/// The one place where libvirt's C return conventions (`-1` or `NULL` on failure) become Swift errors.
///
/// `virGetLastError()` is thread-local and almost every libvirt entry point resets it, so the error
/// must be copied before anything else runs on this thread: pass the C call's result straight in,
/// as in `try LibvirtCall.check(virDomainCreate(pointer), "virDomainCreate", on: calls)`, and never
/// `await` in between.
///
/// It is also the one place where calls are counted (`LibvirtCallTally`): every libvirt call that
/// reaches the driver passes its result through `check`, `take` or `counted`, with its C name.
enum LibvirtCall {
    /// Counts `call` and returns `result`, or throws the thread's last libvirt error when it is negative.
    @discardableResult
    static func check(_ result: Int32, _ call: StaticString, on tally: LibvirtCallTally) throws(LibvirtError) -> Int32 {
        tally.record(call)
        if result < 0 { throw lastError() }
        return result
    }

    /// Counts `call` and returns `pointer`, or throws the thread's last libvirt error when it is `NULL`.
    static func check<Pointer>(_ pointer: Pointer?, _ call: StaticString, on tally: LibvirtCallTally) throws(LibvirtError) -> Pointer {
        tally.record(call)
        guard let pointer else { throw lastError() }
        return pointer
    }

    /// Counts `call` and returns its raw result, for callers that read the error themselves.
    static func counted<Result>(_ result: Result, _ call: StaticString, on tally: LibvirtCallTally) -> Result {
        tally.record(call)
        return result
    }

    /// Counts `call`, copies the string libvirt allocated for the caller and frees the C buffer.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetXMLDesc ("the caller must free()").
    static func take(_ string: UnsafeMutablePointer<CChar>?, _ call: StaticString, on tally: LibvirtCallTally) throws(LibvirtError) -> String {
        let string = try check(string, call, on: tally)
        defer { free(string) }
        return String(cString: string)
    }

    /// Copies and clears the calling thread's last libvirt error.
    /// See https://libvirt.org/html/libvirt-virterror.html#virGetLastError
    static func lastError() -> LibvirtError {
        guard let error = virGetLastError() else {
            return LibvirtError(
                code: Int32(VIR_ERR_INTERNAL_ERROR.rawValue), domain: Int32(VIR_FROM_NONE.rawValue), message: nil)
        }
        let value = LibvirtError(
            code: error.pointee.code,
            domain: error.pointee.domain,
            message: error.pointee.message.map { String(cString: $0) })
        // Reset so a later failure that records nothing cannot be blamed on this stale error.
        virResetLastError()
        return value
    }
}
