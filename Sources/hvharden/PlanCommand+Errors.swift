import Compiler
import Foundation
import Planner

extension PlanCommand {
    /// A problem of the command itself, outside the library's errors.
    enum Problem: Error, CustomStringConvertible {
        case notADirectory(String)

        var description: String {
            switch self {
            case .notADirectory(let path): return "root '\(path)' is not a directory"
            }
        }
    }

    /// The absolute path of `--root`, which must be a directory: a mistyped root would otherwise
    /// read as a host with no configuration files and no facts, and plan nonsense.
    static func directory(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Problem.notADirectory(path)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Prints an error as one `error: ...` line per problem on standard error, never a trace:
    /// profile diagnostics compiler-style (`FILE:LINE:COLUMN: error: ...`), the others by their
    /// description, which names the object at fault.
    static func report(_ error: any Error) {
        if let diagnostics = error as? DiagnosticsError {
            Console.report(diagnostics.diagnostics)
            return
        }
        for line in "\(error)".split(separator: "\n", omittingEmptySubsequences: true) {
            Console.error("error: \(line)")
        }
    }
}
