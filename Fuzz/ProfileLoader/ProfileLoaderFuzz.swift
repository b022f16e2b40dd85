import Compiler
import Foundation
import FuzzSupport

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
            PrintedLine.check(line)
        }
        return diagnostics.count
    }
}
