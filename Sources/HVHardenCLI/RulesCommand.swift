import ArgumentParser
import Compiler
import Foundation
import Planner

/// `hvharden rules`: lists the rules a policy selects (or the whole catalogue), as a table or
/// as JSON. It reads profiles only, never the host.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules that apply, with their severity, references and fix.",
        discussion: """
            Compiles the profiles (layered in the order given; none means the catalogue's \
            default posture) and lists the rules the policy selects, with their enforcement \
            and resolved parameters. With --all, lists the whole catalogue: opt-in rules and \
            rules whose posture condition does not match too (their ENFORCEMENT reads '-').

            Text: an aligned table, one rule per line (ID, SEVERITY, TARGET, FIX, EFFECT, \
            OPT-IN, ENFORCEMENT, FUNCTION, TOPIC, HY-SR, SP-800-53, SRG, TITLE, PARAMETERS), \
            then a count line.

            JSON: an array of objects in rule-id order, keys sorted, every key on every object: \
            id, title, severity, target, check, fixable, effect, optIn, selected, enforcement \
            (null when not selected), parameters, appliesWhen {platform, virtualization, \
            bootIntegrity, passthrough: lists or null for any}, references {function, topic, \
            hySR (null when none), ipd, sp80053, srg}.

            OSCAL: an OSCAL 1.1 component-definition of the selected rules: hvharden as one \
            component, an implemented requirement per NIST SP 800-53 control the rules reference \
            (control ids as 'ac-6.10'), each listing its rules with their titles and 'automated' \
            or 'manual'. UUIDs are derived from the profile digest and rule ids, so they are the \
            same on every run. Not with --all.

            Exit status: 0 when the rules were listed, 1 when a profile has errors.

            Examples:
              hvharden rules
              hvharden rules --profile nist-800-125a-high --profile site.yaml
              hvharden rules --all --format json | jq -r '.[] | select(.fixable) | .id'
              hvharden rules --profile nist-800-125a-baseline --format oscal > component-definition.json
            """
    )

    /// The `--format` of the listing.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json, oscal
    }

    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "A profile file, or the name of a shipped profile; repeat to layer several, in order.", valueName: "file"))
    var profiles: [String] = []

    @Option(help: "Output format on standard output.")
    var format: Format = .text

    @Flag(help: "List every rule of the catalogue, not only those the policy selects.")
    var all = false

    func validate() throws {
        if all && format == .oscal {
            throw ValidationError("--format oscal describes the rules a policy selects; it cannot be combined with --all.")
        }
    }

    func run() throws {
        do {
            let compilation = try Compiler.compile(profiles: profiles)
            Console.report(compilation.warnings)
            let listing = all
                ? RuleListing(catalogue: .shipped, policy: compilation.policy)
                : RuleListing(policy: compilation.policy)
            switch format {
            case .text: FileHandle.standardOutput.write(Data(RuleListing.text(listing).utf8))
            case .json: FileHandle.standardOutput.write(try RuleListing.json(listing))
            case .oscal:
                FileHandle.standardOutput.write(try ComponentDefinitionRenderer(policy: compilation.policy, lastModified: Date()).render())
            }
        } catch {
            ErrorReporter.report(error)
            throw ExitCode.failure
        }
    }
}
