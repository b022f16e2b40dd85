import ArgumentParser
import Compiler

/// `hvharden validate PROFILE...`: compiles each profile on its own and reports every problem,
/// without reading or touching the host.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check profiles for mistakes without touching the host.",
        discussion: """
            Reads each profile and everything it extends, checks every key, type, value, rule id, \
            parameter, waiver and attestation against the rule catalogue, and reports all problems \
            at once on standard error as FILE:LINE:COLUMN: error: MESSAGE. Each valid profile \
            prints 'PROFILE: ok' on standard output; warnings do not make a profile invalid.

            Exit status: 0 when every profile is valid, 1 otherwise.

            Examples:
              hvharden validate site.yaml
              hvharden validate nist-800-125a-high profiles/*.yaml
            """
    )

    @Argument(help: "Profile files, or names of shipped profiles such as 'nist-800-125a-baseline'.")
    var profiles: [String]

    func run() throws {
        var failed = false
        for profile in profiles {
            do {
                let compilation = try Compiler.compile(profiles: [profile])
                Console.report(compilation.warnings)
                Console.out("\(profile): ok")
            } catch {
                Console.report(error.diagnostics)
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
