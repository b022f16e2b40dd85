import Applier
import ArgumentParser
import Foundation
import Host
import Planner

/// `hvharden rollback`: restores what an apply changed, from its journal.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Restore the files and domain definitions an apply changed.",
        discussion: """
            Restores every file byte-identical (content, mode, owner; files the apply created \
            are removed) and redefines every domain from the journal of APPLY_ID (default: the \
            latest apply). Objects that changed since that apply are refused unless --force. \
            The rollback is journaled too.

            Examples:
              hvharden rollback
              hvharden rollback 20261125T093012Z-1a2b3c4d --state-dir /var/lib/hvharden
            """
    )

    @Argument(help: ArgumentHelp("The apply to undo (see STATE/journal).", valueName: "apply-id"))
    var applyID: String?

    @Option(help: ArgumentHelp("Where the journals live.", valueName: "dir"))
    var stateDir = StateDirectory.defaultPath

    @Flag(help: "Also restore objects that changed since the apply.")
    var force = false

    func run() throws {
        do {
            let journal = try Journal.open(stateDirectory: stateDir, id: applyID)
            let connection: LibvirtConnection
            do {
                connection = try LibvirtConnection(uri: journal.manifest.connectURI)
            } catch let error as LibvirtError {
                throw PlanError.connection(uri: journal.manifest.connectURI, error)
            }
            defer { connection.close() }
            let result = try Rollback(stateDirectory: stateDir, force: force)
                .run(id: journal.manifest.id, store: LibvirtDomainStore(connection: connection))
            for file in result.filesRestored { Console.out("restored file \(file)") }
            for domain in result.domainsRestored { Console.out("restored domain '\(domain)'") }
            Console.out("Rollback of \(result.applyID) complete (journal \(result.rollbackID)).")
        } catch {
            PlanCommand.report(error)
            throw ExitCode(1)
        }
    }
}
