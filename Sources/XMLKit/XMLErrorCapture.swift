import CLibXML2
import Foundation

/// Collects libxml2's errors during one call instead of letting them print to stderr.
///
/// libxml2 reports through a structured error handler that lives in thread-local storage (when
/// built with threads, as Debian's is), so it is installed around each call on the calling
/// thread and the previous handler is put back afterwards.
final class XMLErrorCapture {
    /// One reported problem.
    struct Entry {
        let message: String
        let line: Int?
        let column: Int?
        let isError: Bool
    }

    private(set) var entries: [Entry] = []

    /// The first error (not warning), if any.
    var firstError: Entry? { entries.first { $0.isError } }

    /// Runs `body` with this capture installed as the thread's structured error handler.
    static func run<T>(_ body: (XMLErrorCapture) throws -> T) rethrows -> T {
        let capture = XMLErrorCapture()
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(capture).toOpaque()) { context, error in
            guard let context, let error else { return }
            Unmanaged<XMLErrorCapture>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return try withExtendedLifetime(capture) { try body(capture) }
    }

    private func record(_ error: xmlError) {
        let text = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
        entries.append(Entry(
            message: text.trimmingCharacters(in: .whitespacesAndNewlines),
            line: error.line > 0 ? Int(error.line) : nil,
            column: error.int2 > 0 ? Int(error.int2) : nil,
            isError: error.level.rawValue >= XML_ERR_ERROR.rawValue))
    }
}
