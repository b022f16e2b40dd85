import Applier
import ArgumentParser
import Compiler
import Foundation
import LiveHost
import Planner

/// `hvharden apply`: makes the host match a plan, journaled and verified by planning again.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Change the host to match a saved plan or the given profiles.",
        discussion: """
            With PLANFILE (from 'hvharden plan --out'), applies exactly that plan against the \
            connection and root it was made for. It is refused when its format or hvharden \
            version is not this one's, when it was applied before (and not rolled back since), \
            when any domain, file or host fact it was computed from has changed ("saved plan is \
            stale"), or when its edits are not what its own policy gives when planned again on \
            the host (the file was edited); nothing is written then.

            With --profile, plans first, shows the plan and asks for confirmation ('yes') on a \
            terminal; without a terminal it refuses at once, before reading anything, unless \
            --auto-approve is given.

            The plan's fingerprints are keyed with the key in the state directory: apply a saved \
            plan with the same --state-dir (default $HVHARDEN_STATE_DIR, else /var/lib/hvharden) \
            as the plan was made with. The state directory and the lock directory are trusted only \
            when they (and every directory above them) belong to root and no one else can write \
            them, and no file in them is a link; otherwise apply refuses, naming the path.

            One apply or rollback at a time per host: besides STATE/lock, apply takes a lock for \
            the root and one for the libvirt connection under --lock-dir (default \
            $HVHARDEN_LOCK_DIR, else /run/hvharden), so applies with different state directories \
            still exclude each other. A second one fails at once, naming the holder.

            Before writing, every file and domain definition to be changed is copied into \
            STATE/journal/<apply-id>/ (mode 0700). Each object is then written in one atomic \
            step: a file through Augeas (temporary file and rename), a domain by one define, \
            validated by libvirt. Objects are independent: one that cannot be written is \
            reported with its reason, and the others are still written. The apply succeeds only \
            when every object was written and planning again shows no change for them; \
            otherwise it exits 1, names what failed or did not converge and keeps the journal \
            for 'hvharden rollback'. hvharden restarts nothing: it prints which daemons must \
            restart, which domains need a cold boot and whether the host must reboot.

            With --format json, apply prints one result document instead of text, also when it \
            fails: its status, the journal, every object to change with its result (done, \
            failed with the error, or skipped), the verification and what must restart.

            Exit status: 0 when applied (or nothing to do), 1 on error or refusal.

            Examples:
              hvharden plan --profile site.yaml --out plan.json && hvharden apply plan.json
              hvharden apply --profile site.yaml --connect qemu:///system --auto-approve
            """
    )

    @Argument(help: ArgumentHelp("A plan saved with 'hvharden plan --out'.", valueName: "planfile"))
    var planFile: String?

    @OptionGroup var profile: ProfileOptions
    @OptionGroup var host: HostOptions
    @OptionGroup var domain: DomainOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var lock: LockOptions

    @Flag(help: "Apply without asking (required when no terminal is attached).")
    var autoApprove = false

    @Option(help: "What to print: text for people, or one JSON result document (every object done, failed or skipped, the journal, the verification).")
    var format: ResultFormat = .text

    func validate() throws {
        if planFile != nil && !profile.profiles.isEmpty {
            throw ValidationError("give either a PLANFILE or --profile, not both")
        }
        if planFile == nil && profile.profiles.isEmpty {
            throw ValidationError("give a PLANFILE or at least one --profile")
        }
        if format == .json && planFile == nil && !autoApprove {
            throw ValidationError("--format json does not ask for confirmation: give a PLANFILE or --auto-approve")
        }
    }

    func run() throws {
        try ErrorReporter.run {
            // With --format json every outcome is a document, also errors before any write.
            var planned: Plan?
            do {
                try apply(planned: &planned)
            } catch {
                if format == .json, !(error is ApplyResultDocument.Written) {
                    try ApplyResultDocument(plan: planned, error: error, journal: nil).write(to: .standardOutput)
                }
                throw (error as? ApplyResultDocument.Written)?.error ?? error
            }
        }
    }

    private func apply(planned: inout Plan?) throws {
        // Refused before anything is read when there will be no way to confirm.
        if planFile == nil, !autoApprove, !Self.canAsk { throw ApplyError.notConfirmed }
        let key = try FingerprintKeyFile.load(stateDirectory: state.path)
        let saved = try planFile.map { try SavedPlan.load($0, requiring: .sameVersion) }
        let compilation = saved == nil ? try Compiler.compile(profiles: profile.profiles) : nil
        if let compilation { Console.report(compilation.warnings) }
        let connectURI = saved?.plan.connectURI ?? host.connect
        let root = try saved?.plan.root ?? host.resolvedRoot()
        let session = try HostSession(connectURI: connectURI, root: root, key: key)
        defer { session.close() }

        let plan: Plan
        let policy: Policy
        if let saved {
            (plan, policy) = (saved.plan, saved.policy)
            planned = plan
        } else {
            policy = compilation!.policy
            plan = try Planner.plan(
                policy: policy, reader: session.reader, domains: DomainSelection(selector: policy.domains, names: domain.domains))
            planned = plan
            if format == .text {
                FileHandle.standardOutput.write(Data(PlanTextRenderer(colour: ApplyReport.colour).render(plan).utf8))
                guard !plan.changes.isEmpty else { return }
            }
            try confirm()
        }
        var options = ApplyOptions(
            stateDirectory: state.path, hostLock: session.lockScope(directory: lock.path), savedPlanDigest: saved?.digest, checkpoint: CLIHooks.applyCheckpoint)
        options.lockTimeout = lock.lockTimeout
        let journals = Journal.ids(stateDirectory: state.path)
        do {
            let result = try Applier(plan: plan, policy: policy, options: options).apply(stores: session.stores, reader: session.reader)
            switch format {
            case .text: ApplyReport.print(result, plan: plan)
            case .json: try ApplyResultDocument(plan: plan, result: result).write(to: .standardOutput)
            }
        } catch {
            guard format == .json else { throw error }
            let journal = Journal.ids(stateDirectory: state.path).subtracting(journals).sorted().last
            try ApplyResultDocument(plan: plan, error: error, journal: journal).write(to: .standardOutput)
            throw ApplyResultDocument.Written(error: error)
        }
    }

    private static var canAsk: Bool { isatty(0) == 1 && isatty(1) == 1 }

    private func confirm() throws {
        if autoApprove { return }
        guard Self.canAsk else { throw ApplyError.notConfirmed }
        FileHandle.standardOutput.write(Data("\nDo you want to apply these changes? Only 'yes' will be accepted: ".utf8))
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else { throw ApplyError.notConfirmed }
    }
}
