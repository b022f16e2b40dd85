import ArgumentParser
import Compiler
import Applier
import Foundation
import LiveHost
import Planner

/// `hvharden plan`: compiles the profiles, reads the host, and shows what `apply` would change,
/// what needs a person, and what is waived. It never writes to the host.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change on this host, without changing anything.",
        discussion: """
            Compiles the profiles (layered in the order given; none means the catalogue's \
            defaults), reads the libvirt domains at --connect and the configuration files and \
            host facts under --root, and prints the changes (+ add, ~ update, - remove), each \
            with its rule and when it takes effect; the findings that need a person, with what \
            to do; the waived items; and a summary line. Secrets such as graphics passwords \
            never appear in any output: they read '(sensitive)'.

            Exit status: 0 when the plan was made, 1 on error (also for bad arguments). With \
            --detailed-exitcode: 0 when nothing would change and no unwaived finding at or above \
            --fail-on (default low) remains, 1 on error, 2 when there are changes, 3 when there \
            are none but such findings remain (a converged host that needs a person).

            Examples:
              hvharden plan --profile nist-800-125a-baseline --profile site.yaml
              hvharden plan --profile site.yaml --out plan.json --detailed-exitcode
              hvharden plan --profile profiles/nist-800-125a-baseline.yaml \\
                  --connect "test://$PWD/examples/lab/node.xml" --root examples/lab/root
            """
    )

    @OptionGroup var profile: ProfileOptions
    @OptionGroup var host: HostOptions
    @OptionGroup var domain: DomainOptions
    @OptionGroup var state: StateOptions

    @Option(help: "Output format on standard output.")
    var format: PlanOutputFormat = .text

    @Option(help: ArgumentHelp("Also save the plan as JSON to this file (mode 0600).", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp(
        "Domain definitions fetched at once (default: 4 on this host, 10 over a network URI); above 5, one more connection per 5, since libvirtd serves max_client_requests (5 by default) calls per connection at a time.",
        valueName: "n"))
    var parallelism: Int?

    @OptionGroup var exitCode: ExitCodeOptions
    @OptionGroup var colour: ColourOptions

    func validate() throws {
        if let parallelism, !(1...64).contains(parallelism) {
            throw ValidationError("--parallelism must be between 1 and 64, not \(parallelism)")
        }
    }

    func run() throws {
        let started = Date()
        let plan = try ErrorReporter.run {
            let root = try host.resolvedRoot()
            let key = try FingerprintKeyFile.load(stateDirectory: state.path)
            // Opening the connection and listing the domains cost libvirt round trips: they
            // run while the profiles compile.
            let workers = parallelism ?? LiveStateReader.defaultFetchWorkers(host.connect)
            let reader = LiveStateReader(connectURI: host.connect, root: root, key: key, fetchWorkers: workers).startListing()
            let compilation = try Compiler.compile(profiles: profile.profiles)
            Console.report(compilation.warnings)
            let plan = try Planner.plan(
                policy: compilation.policy, reader: reader,
                domains: DomainSelection(selector: compilation.policy.domains, names: domain.domains))
            if let out {
                try AtomicFile.write(to: out, mode: 0o600) { write in
                    try PlanJSONRenderer.write(plan) { block in try block.withUnsafeBytes { try write($0) } }
                }
            }
            let timing = PlanTiming(made: started, duration: Date().timeIntervalSince(started), noColor: colour.noColor)
            try format.write(plan, policy: compilation.policy, timing: timing, to: .standardOutput)
            return plan
        }
        try exitCode.exit(for: [plan])
    }
}
