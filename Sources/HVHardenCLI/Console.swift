import Compiler
import Foundation

/// Standard output and standard error for commands. Writes go through `FileHandle`: Swift 6
/// rejects the C `stderr` global as not concurrency-safe, and using the same unbuffered path
/// for both streams keeps their lines in order when both go to a terminal.
enum Console {
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Diagnostics compiler-style, one per line on standard error:
    /// `site.yaml:12:5: error: unknown key 'passthru' in 'posture' (did you mean 'passthrough'?)`,
    /// at most `Diagnostic.printedPerFile` a file and then a count of the rest.
    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in Diagnostic.printable(diagnostics) { error(diagnostic.description) }
    }
}
