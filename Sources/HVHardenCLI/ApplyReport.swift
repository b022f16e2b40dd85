import Applier
import Foundation
import Planner

/// What `apply` prints when it is done: what was written and what must happen next.
enum ApplyReport {
    static var colour: Bool {
        TerminalColour.isWanted(outputIsTerminal: isatty(1) == 1, environment: ProcessInfo.processInfo.environment)
    }

    static func print(_ result: ApplyResult, plan: Plan) {
        removed(result.removedTemporaries)
        guard let id = result.applyID else {
            Console.out("No changes. The host already matches the plan.")
            return
        }
        Console.out("")
        let domains = result.written.filter { $0.kind == DomainResource.kind }.count
        let files = result.written.filter { $0.kind == ConfigFileResource.kind }.count
        let paths = result.written.filter { $0.kind == HostPathResource.kind }.count
        Console.out("Apply complete: \(plan.summary.changes) change\(plan.summary.changes == 1 ? "" : "s") on "
            + PlanSummary.objects(domains: domains, files: files, paths: paths) + "; verified by planning again.")
        Console.out("Journal: \(id) (undo with 'hvharden rollback \(id)')")
        let effects = result.effects
        if !effects.daemonsToRestart.isEmpty {
            Console.out("Restart for file changes to take effect: \(effects.daemonsToRestart.joined(separator: ", "))")
        }
        if !effects.domainsToColdBoot.isEmpty {
            Console.out("Cold boot (shut down, then start) for domain changes to take effect on running domains: "
                + effects.domainsToColdBoot.joined(separator: ", "))
        }
        if effects.hostReboot { Console.out("Reboot the host for kernel settings to take effect.") }
        for note in effects.notes { Console.out("Note: \(note)") }
    }

    /// The temporary files of interrupted earlier runs that this one removed.
    static func removed(_ paths: [String]) {
        for path in paths { Console.out("removed \(path) (a temporary file left by an interrupted apply or rollback)") }
    }
}
