import CLibXML2
import Foundation

/// Keeps libxml2 from printing while libvirt parses a file inside this process, and keeps what it
/// would have said.
///
/// libvirt's local test driver reads its node file (`test:///path/node.xml`) with libxml2 in the
/// calling process. libvirt installs a handler for libxml2 *errors* but not for *warnings*, so a
/// missing file prints `I/O warning : failed to load external entity "..."` to stderr through
/// libxml2's generic handler. That handler is variadic and cannot be written in Swift; a structured
/// handler can, and libxml2 prefers it, so one is installed for the duration of the call and the
/// previous one put back. It also pre-empts libvirt's own error handler, which would have put the
/// file and line into the `virError`; the first error is kept here so the caller can add it back.
/// libxml2 keeps these handlers per thread, so other threads are unaffected.
enum LibxmlDiagnosticCapture {
    /// Runs `body` with libxml2's diagnostics on this thread captured instead of printed. Returns the
    /// first error (warnings are dropped) as `file:line: message`, or `nil` when there was none.
    /// See https://gnome.pages.gitlab.gnome.org/libxml2/devhelp/libxml2-xmlerror.html#xmlSetStructuredErrorFunc
    static func run<T>(_ body: () -> T) -> (result: T, firstError: String?) {
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        let sink = Sink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        let result = withExtendedLifetime(sink) { body() }
        xmlSetStructuredErrorFunc(previousContext, previousHandler)
        return (result, sink.firstError)
    }

    /// Collects diagnostics for one `run`; used only on the calling thread.
    private final class Sink {
        var firstError: String?

        func record(_ error: xmlError) {
            guard firstError == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
            let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
            let file = error.file.map { String(cString: $0) }
            firstError = file.map { "\($0):\(error.line): \(trimmed)" } ?? trimmed
        }
    }
}
