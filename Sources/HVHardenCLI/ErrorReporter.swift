import ArgumentParser
import Compiler
import Foundation
import Planner

/// The one way commands report errors: one `error: ...` line per problem on standard error,
/// never a trace; profile diagnostics compiler-style (`FILE:LINE:COLUMN: error: ...`), the
/// others by their description, which names the object at fault. Control characters from
/// input never reach the terminal raw.
enum ErrorReporter {
    /// The exit status of a command that failed with an error.
    static let failure = ExitCode(1)

    static func report(_ error: any Error) {
        if let diagnostics = error as? DiagnosticsError {
            Console.report(diagnostics.diagnostics)
            return
        }
        for line in "\(error)".split(separator: "\n", omittingEmptySubsequences: true) {
            Console.error("error: \(String(line).terminalSafe)")
        }
    }

    /// Runs `body`; an error is reported and becomes exit status 1.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            report(error)
            throw failure
        }
    }
}
