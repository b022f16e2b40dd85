import ArgumentParser
import Foundation
import Planner

/// `hvharden-floor read`: runs the floor once and prints where its time went.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "The floor: list, read persistent XML, parse, check, and the plan's Augeas reads.")

    @Option(help: ArgumentHelp("The libvirt connection URI.", valueName: "uri")) var connect = "qemu:///system"
    @Option(help: ArgumentHelp("The root for the Augeas reads.", valueName: "dir")) var root = "/"
    @Option(help: "Read the domains named PREFIX-*.") var prefix: String
    @Option(help: ArgumentHelp("Config keys written by 'keys'.", valueName: "file")) var keys: String

    func run() throws {
        let reader = FloorReader(connectURI: connect, root: root, prefix: prefix, query: try KeysCommand.query(from: keys))
        print(try reader.read().line)
    }
}
