import ArgumentParser
import Foundation
import Host

/// `hvharden-floor define`: defines generated domains `--from`...`--to` on a libvirt daemon,
/// validated against the schema like hvharden's own defines. Nothing is started.
struct DefineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "define", abstract: "Define generated domains FROM...TO (inclusive) on a daemon.")

    @Option(help: ArgumentHelp("The libvirt connection URI.", valueName: "uri")) var connect = "qemu:///system"
    @Option(help: "Name prefix (hvh-bench-...).") var prefix: String
    @Option(help: "First index.") var from = 1
    @Option(help: "Last index.") var to: Int

    func validate() throws {
        try BenchPrefix.validate(prefix)
        guard from >= 1, to >= from, to <= 99_999 else { throw ValidationError("need 1 <= from <= to <= 99999") }
    }

    func run() throws {
        let connection = try LibvirtConnection(uri: connect)
        defer { connection.close() }
        let generator = DomainGenerator(prefix: prefix)
        for index in from...to {
            do {
                _ = try connection.define(xml: generator.xml(index, testDriver: false))
            } catch {
                throw BenchError("defining '\(generator.name(index))' failed: \(error)")
            }
        }
    }
}
