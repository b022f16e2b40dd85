import ArgumentParser
import Foundation

/// `hvharden-floor read`: runs the floor once and prints where its time went.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "The floor: one listing, one XML fetch per domain, parse, XPath checks, the plan's Augeas reads; on the C libraries.")

    @Option(help: ArgumentHelp("The libvirt connection URI.", valueName: "uri")) var connect = "qemu:///system"
    @Option(help: ArgumentHelp("The root for the Augeas reads.", valueName: "dir")) var root = "/"
    @Option(help: "Read the domains named PREFIX-*.") var prefix: String
    @Option(help: ArgumentHelp("Config keys written by 'keys'.", valueName: "file")) var keys: String

    func run() throws {
        let byKind = try JSONDecoder().decode([String: [String]].self, from: Data(contentsOf: URL(fileURLWithPath: keys)))
        let reader = FloorReader(connectURI: connect, root: root, prefix: prefix, keys: byKind)
        print(try reader.read().line)
    }
}
