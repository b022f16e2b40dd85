import Compiler
import Foundation

/// One fuzz input through the profile loader: the bytes compiled as a profile text in memory
/// (`Compiler.compile(sources:)`, the same path files take after reading), every diagnostic
/// rendered, and the rendering's promises checked. A crash, a hang, or a broken promise
/// (`preconditionFailure`) is what the fuzzer reports.
enum ProfileLoaderFuzz {
    /// A fixed day, so waivers' expiry does not make runs differ.
    static let today = Date(timeIntervalSince1970: 1_780_000_000)

    /// The name the input is compiled under; its directory does not exist, so relative
    /// `extends` entries find no files.
    static let name = "fuzz-input.invalid/input.yaml"

    /// Compiles `bytes`; returns the number of diagnostics.
    @discardableResult
    static func run(_ bytes: [UInt8]) -> Int {
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try Compiler.compile(sources: [(name: name, text: bytes)], today: today).warnings
        } catch {
            diagnostics = error.diagnostics
            precondition(diagnostics.contains { $0.severity == .error }, "threw without an error")
        }
        for line in Diagnostic.printable(diagnostics).map(\.description) {
            check(line)
        }
        return diagnostics.count
    }

    /// A printed diagnostic is one line of bounded length, without control characters or bidi
    /// marks, and does not start a CI workflow command.
    static func check(_ line: String) {
        precondition(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
            || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }, "raw control in \(line.debugDescription)")
        precondition(!line.hasPrefix("::"), "workflow command: \(line.debugDescription)")
        precondition(line.utf8.count < 20_000, "\(line.utf8.count)-byte diagnostic")
    }
}
