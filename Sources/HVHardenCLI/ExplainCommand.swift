import ArgumentParser
import Compiler
import Foundation

/// `hvharden explain RULE`: prints everything the catalogue says about one rule.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: why it matters, what it checks and fixes, and its examples.",
        discussion: """
            Prints the rule's title, id, severity, target and when it applies; its references \
            (SP 800-125A function and docs/controls.md topic, HY-SR where probable, the 2014 draft, \
            SP 800-53, DISA VMM SRG); the rationale; what the check reads and accepts; the fix \
            and when it takes effect; the guidance; the parameters a profile may refine; and \
            the compliant and noncompliant examples, verbatim. 'hvharden rules --all' lists \
            every rule id.

            Exit status: 0 when the rule exists, 1 when it does not (with a suggestion).

            Examples:
              hvharden explain domain-uefi-firmware
              hvharden explain qemu-security-driver-enabled | less
            """
    )

    @Argument(help: ArgumentHelp("The rule id, e.g. 'domain-uefi-firmware'.", valueName: "rule"))
    var rule: String

    func run() throws {
        do {
            let found = try RuleExplanation.rule(rule)
            FileHandle.standardOutput.write(Data(RuleExplanation.text(found).utf8))
        } catch {
            ErrorReporter.report(error)
            throw ExitCode.failure
        }
    }
}
