import Applier
import ArgumentParser
import Foundation
import LiveHost
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

    @OptionGroup var state: StateOptions
    @OptionGroup var lock: LockOptions

    @Flag(help: "Also restore objects that changed since the apply.")
    var force = false

    @Option(help: "What to print: text for people, or one JSON result document (each object restored, the journals).")
    var format: ResultFormat = .text

    func run() throws {
        try ErrorReporter.run {
            let result: Rollback.Result
            do {
                let journal = try Journal.open(stateDirectory: state.path, id: applyID)
                let key = try FingerprintKeyFile.load(stateDirectory: state.path)
                let session = try HostSession(connectURI: journal.manifest.connectURI, root: journal.manifest.root, key: key)
                defer { session.close() }
                result = try Rollback(
                    stateDirectory: state.path, hostLock: session.lockScope(directory: lock.path), force: force,
                    lockTimeout: lock.lockTimeout).run(id: journal.manifest.id, stores: session.stores)
            } catch {
                if format == .json { try ApplyResultDocument(rollback: nil, error: error).write(to: .standardOutput) }
                throw error
            }
            if format == .json { return try ApplyResultDocument(rollback: result).write(to: .standardOutput) }
            ApplyReport.removed(result.removedTemporaries)
            for object in result.restored { Console.out("restored \(object)") }
            Console.out("Rollback of \(result.applyID) complete (journal \(result.rollbackID)).")
        }
    }
}
