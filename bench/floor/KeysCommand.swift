import ArgumentParser
import Compiler
import Foundation
import Planner

/// `hvharden-floor keys`: writes the config keys a profile reads (`ConfigQuery`) as JSON, so the
/// floor performs exactly the plan's Augeas reads without paying for profile compilation.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Write the config keys the profiles read, as JSON.")

    @Option(name: .customLong("profile"), help: "A profile file or shipped profile name (repeatable).")
    var profiles: [String] = []
    @Option(help: ArgumentHelp("The JSON file to write.", valueName: "file")) var out: String

    func run() throws {
        let policy = try Compiler.compile(profiles: profiles).policy
        let query = ConfigQuery(policy: policy)
        let byKind = Dictionary(uniqueKeysWithValues: query.keys.map { ($0.key.rawValue, $0.value.sorted()) })
        // Said before any domain is defined: a kind of file added to hvharden needs its lens here
        // and in bench/python/peer.py, or the floor would read less than the plan.
        if let missing = byKind.keys.sorted().first(where: { FloorAugeas.files[$0] == nil }) {
            throw BenchError("the floor has no lens for file kind '\(missing)': add it to FloorAugeas.files and to FILES in bench/python/peer.py")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(byKind).write(to: URL(fileURLWithPath: out))
    }
}
