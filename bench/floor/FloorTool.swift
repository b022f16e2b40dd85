import ArgumentParser

/// `hvharden-floor`: the benchmark's own tools. `read` is the floor that `hvharden plan` is
/// measured against (the least any planner must do, single-threaded); `generate`, `define` and
/// `undefine` make and remove the benchmark's domains through the same libvirt C API (no virsh,
/// one connection, no process per domain); `keys` writes the config keys a profile reads, so the
/// floor does the plan's Augeas reads without compiling profiles.
@main
struct FloorTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hvharden-floor",
        abstract: "Benchmark helpers for hvharden: the single-threaded floor reader and domain fixtures.",
        subcommands: [
            ReadCommand.self, GenerateCommand.self, DefineCommand.self, UndefineCommand.self, KeysCommand.self, InfoCommand.self,
        ]
    )
}

/// The prefix every benchmark domain name starts with; `undefine` refuses anything else, so a
/// typo cannot remove someone's real guests.
enum BenchPrefix {
    static let required = "hvh-bench-"

    static func validate(_ prefix: String) throws {
        guard prefix.hasPrefix(required), prefix.count > required.count,
              prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw ValidationError("prefix '\(prefix)' must start with '\(required)' and hold only letters, digits and '-'")
        }
    }
}

/// A failure of a benchmark step, printed without the usage text that `ValidationError` adds.
struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
