import Applier
import ArgumentParser
import Compiler
import Foundation
import Host
import Planner

/// `hvharden apply`: makes the host match a plan, journaled and verified by planning again.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Change the host to match a saved plan or the given profiles.",
        discussion: """
            With PLANFILE (from 'hvharden plan --out'), applies exactly that plan against the \
            connection and root it was made for. It is refused when its format or hvharden \
            version is not this one's, when it was applied before, or when any domain, file or \
            host fact it was computed from has changed ("saved plan is stale"); nothing is \
            written then.

            With --profile, plans first, shows the plan and asks for confirmation ('yes') on a \
            terminal; without a terminal it refuses unless --auto-approve is given.

            Before writing, every file and domain definition to be changed is copied into \
            STATE/journal/<apply-id>/ (mode 0700). Files are saved through Augeas (temporary \
            file and rename); each domain is redefined once, validated by libvirt. The apply \
            succeeds only when planning again shows no change for what it touched; otherwise \
            it exits 1, names what did not converge and keeps the journal for \
            'hvharden rollback'. hvharden restarts nothing: it prints which daemons must \
            restart, which domains need a cold boot and whether the host must reboot.

            Exit status: 0 when applied (or nothing to do), 1 on error or refusal.

            Examples:
              hvharden plan --profile site.yaml --out plan.json && hvharden apply plan.json
              hvharden apply --profile site.yaml --connect qemu:///system --auto-approve
            """
    )

    @Argument(help: ArgumentHelp("A plan saved with 'hvharden plan --out'.", valueName: "planfile"))
    var planFile: String?

    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "Plan from this profile first (repeatable, layered in order).", valueName: "file"))
    var profiles: [String] = []

    @Option(help: ArgumentHelp("The libvirt connection URI (with --profile).", valueName: "uri"))
    var connect = "qemu:///system"

    @Option(help: ArgumentHelp("The directory that stands for '/' (with --profile).", valueName: "dir"))
    var root = "/"

    @Option(name: .customLong("domain"), help: ArgumentHelp("Only this domain (repeatable; with --profile).", valueName: "name"))
    var domains: [String] = []

    @Option(help: ArgumentHelp("Where the lock, journals and applied-plan records live.", valueName: "dir"))
    var stateDir = StateDirectory.defaultPath

    @Flag(help: "Apply without asking (required when no terminal is attached).")
    var autoApprove = false

    func validate() throws {
        if planFile != nil && !profiles.isEmpty {
            throw ValidationError("give either a PLANFILE or --profile, not both")
        }
        if planFile == nil && profiles.isEmpty {
            throw ValidationError("give a PLANFILE or at least one --profile")
        }
    }

    func run() throws {
        do {
            let (plan, policy, digest) = try planFile.map(SavedPlan.load) ?? planNow()
            if planFile == nil {
                FileHandle.standardOutput.write(Data(PlanTextRenderer(colour: ApplyReport.colour).render(plan).utf8))
                guard !plan.changes.isEmpty else { return }
                try confirm()
            }
            let connection: LibvirtConnection
            do {
                connection = try LibvirtConnection(uri: plan.connectURI)
            } catch let error as LibvirtError {
                throw PlanError.connection(uri: plan.connectURI, error)
            }
            defer { connection.close() }
            let options = ApplyOptions(
                stateDirectory: stateDir, savedPlanDigest: digest,
                pausePoint: ProcessInfo.processInfo.environment["HVHARDEN_TEST_PAUSE_AT"])
            let result = try Applier(plan: plan, policy: policy, options: options).apply(connection: connection)
            ApplyReport.print(result, plan: plan)
        } catch {
            PlanCommand.report(error)
            throw ExitCode(1)
        }
    }

    private func planNow() throws -> (Plan, Policy, String?) {
        let compilation = try Compiler.compile(profiles: profiles)
        Console.report(compilation.warnings)
        let reader = LiveStateReader(connectURI: connect, root: try PlanCommand.directory(root), domainNames: domains)
        let plan = try Planner.plan(policy: compilation.policy, state: try reader.read(policy: compilation.policy))
        return (plan, compilation.policy, nil)
    }

    private func confirm() throws {
        if autoApprove { return }
        guard isatty(0) == 1, isatty(1) == 1 else { throw ApplyError.notConfirmed }
        FileHandle.standardOutput.write(Data("\nDo you want to apply these changes? Only 'yes' will be accepted: ".utf8))
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else { throw ApplyError.notConfirmed }
    }
}
