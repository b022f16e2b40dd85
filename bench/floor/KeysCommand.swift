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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(byKind).write(to: URL(fileURLWithPath: out))
    }

    /// Reads a file written by `keys` back into a query.
    static func query(from path: String) throws -> ConfigQuery {
        let byKind = try JSONDecoder().decode([String: [String]].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        var keys: [ConfigFile: Set<String>] = [:]
        for (kind, names) in byKind {
            guard let file = ConfigFile(rawValue: kind) else { throw ValidationError("unknown config file kind '\(kind)' in '\(path)'") }
            keys[file] = Set(names)
        }
        return ConfigQuery(keys: keys)
    }
}
