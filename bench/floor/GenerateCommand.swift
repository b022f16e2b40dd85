import ArgumentParser
import Foundation

/// `hvharden-floor generate`: writes N benchmark domains as a libvirt test-driver node file.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write N generated domains as a test-driver node file.")

    @Option(help: "Name prefix (hvh-bench-...).") var prefix: String
    @Option(help: "How many domains.") var count: Int
    @Option(help: ArgumentHelp("The node file to write.", valueName: "file")) var out: String

    func validate() throws {
        try BenchPrefix.validate(prefix)
        guard count > 0 else { throw ValidationError("count must be positive, not \(count)") }
    }

    func run() throws {
        let generator = DomainGenerator(prefix: prefix)
        var text = "<?xml version='1.0'?>\n<node>\n"
        text.reserveCapacity(count * 4096)
        for index in 1...count { text += generator.xml(index, testDriver: true) }
        // The host the test driver reports: 2 sockets of 32 cores, 1 TiB, enough for the guests.
        text += "<cpu><mhz>2600</mhz><model>x86_64</model><active>128</active><nodes>1</nodes>"
        text += "<sockets>2</sockets><cores>32</cores><threads>2</threads></cpu>\n<memory>1073741824</memory>\n</node>\n"
        try text.write(toFile: out, atomically: true, encoding: .utf8)
    }
}
