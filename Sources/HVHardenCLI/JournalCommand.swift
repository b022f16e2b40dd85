import Applier
import ArgumentParser
import Foundation
import Planner

/// `hvharden journal list|show|prune`: the journals apply and rollback keep in the state directory.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "List, show or prune the journals of past applies and rollbacks.",
        discussion: """
            Every apply and rollback keeps a journal under STATE/journal/<id>/: a copy of each \
            object before it was written, and what was done. 'list' shows them, oldest first; \
            'show ID' one manifest; 'prune --keep N' removes all but the newest N, except the \
            journal of an apply that did not end verified (it may still need 'hvharden rollback').

            Exit status: 0 on success, 1 on error.

            Examples:
              hvharden journal list
              hvharden journal show 20261203T101500Z-1a2b3c4d --format json
              hvharden journal prune --keep 20
            """,
        subcommands: [List.self, Show.self, Prune.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The journals, oldest first.")
        @OptionGroup var state: StateOptions
        @Option(help: "text: one line per journal; json: the manifests.")
        var format: ResultFormat = .text

        func run() throws {
            try ErrorReporter.run {
                let entries = try JournalPruning.list(stateDirectory: state.path)
                if format == .json { return try JournalCommand.write(entries.map(\.manifest)) }
                if entries.isEmpty { return Console.out("No journals in \(state.path)/journal.") }
                for entry in entries {
                    let m = entry.manifest
                    Console.out("\(entry.id)  \(m.kind.rawValue)  \(m.status.rawValue)  \(m.objects.count) object\(m.objects.count == 1 ? "" : "s")  \(m.connectURI)  root \(m.root)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One journal's manifest.")
        @Argument(help: ArgumentHelp("The journal id (from 'hvharden journal list').", valueName: "id"))
        var id: String
        @OptionGroup var state: StateOptions
        @Option(help: "text: a summary per object; json: the manifest.")
        var format: ResultFormat = .text

        func run() throws {
            try ErrorReporter.run {
                let manifest = try Journal.open(stateDirectory: state.path, id: id).manifest
                if format == .json { return try JournalCommand.write(manifest) }
                Console.out("\(manifest.id): \(manifest.kind.rawValue), \(manifest.status.rawValue), created \(manifest.createdAt)")
                Console.out("connection \(manifest.connectURI), root \(manifest.root)" + (manifest.planDigest.map { ", saved plan \($0)" } ?? ""))
                for object in manifest.objects {
                    let state = object.after == nil ? "not written" : object.after == object.before ? "unchanged" : "written"
                    Console.out("  \(object.object): \(state)\(object.backup == nil ? " (did not exist before)" : "")")
                }
            }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove all but the newest journals.")
        @Option(help: ArgumentHelp("How many of the newest journals to keep.", valueName: "n"))
        var keep: Int
        @OptionGroup var state: StateOptions

        func validate() throws {
            if keep < 0 { throw ValidationError("--keep must be 0 or more") }
        }

        func run() throws {
            try ErrorReporter.run {
                // Journals belong to the state directory: its lock keeps applies out meanwhile.
                let result = try JournalPruning.prune(stateDirectory: state.path, keep: keep)
                for id in result.removed { Console.out("removed \(id)") }
                for id in result.keptUnfinished { Console.out("kept \(id): its apply did not end verified (roll it back, or remove it by hand)") }
                Console.out("\(result.removed.count) removed, \(try JournalPruning.list(stateDirectory: state.path).count) kept.")
            }
        }
    }

    static func write(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }
}
