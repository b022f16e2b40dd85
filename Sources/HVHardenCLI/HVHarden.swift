import ArgumentParser
import Compiler
import Foundation
import LiveHost

/// The `hvharden` command: parses the command line and dispatches to a subcommand. Each
/// subcommand lives in its own `*Command.swift` file and only parses, calls one library
/// function, renders and exits. `main.swift` of the `hvharden` executable runs it.
public struct HVHarden: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "hvharden",
        abstract: "Declarative hardening for KVM/libvirt hosts (NIST SP 800-125A).",
        discussion: """
            hvharden compiles security profiles (YAML) into a policy, compares it with the host's \
            libvirt domains and configuration files, and plans or applies the changes.

            Example:
              hvharden validate profiles/nist-800-125a-high.yaml site.yaml
            """,
        version: HVHardenVersion.current,
        subcommands: subcommands
    )

    /// Runs the command line. Bad arguments exit 1, like every other error, not
    /// argument-parser's 64 (EX_USAGE): scripts and the Ansible role need one "failed" status.
    public static func main() {
        // HVHARDEN_RPC_COUNT=1: one line of libvirt call counts on stderr at exit (bench/README.md).
        LibvirtCalls.reportAtExitIfAsked()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ErrorReporter.failure.rawValue)
            }
            exit(withError: error)
        }
    }

    /// Every subcommand, in the order `--help` lists them. To add one, write its
    /// `*Command.swift` file and add one line here.
    static let subcommands: [any ParsableCommand.Type] = [
        ValidateCommand.self,
        PlanCommand.self,
        ShowCommand.self,
        ApplyCommand.self,
        RollbackCommand.self,
        JournalCommand.self,
        FactsCommand.self,
        SummarizeCommand.self,
        BaselineCommand.self,
        RulesCommand.self,
        ExplainCommand.self,
    ]
}
