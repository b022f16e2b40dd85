import ArgumentParser
import Foundation
import Host

/// `hvharden-floor undefine`: removes every domain whose name starts with the benchmark prefix.
/// Safe to run twice, and after a failed or interrupted run: it lists what is there.
struct UndefineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undefine", abstract: "Undefine every domain named PREFIX-*.")

    @Option(help: ArgumentHelp("The libvirt connection URI.", valueName: "uri")) var connect = "qemu:///system"
    @Option(help: "Name prefix (hvh-bench-...).") var prefix: String

    func validate() throws { try BenchPrefix.validate(prefix) }

    func run() throws {
        let connection = try LibvirtConnection(uri: connect)
        defer { connection.close() }
        var failures: [String] = []
        var removed = 0
        for domain in try connection.listAllDomains() where domain.name.hasPrefix(prefix + "-") {
            do {
                if domain.isActive { try domain.destroy() }
                try domain.undefine()
                removed += 1
            } catch {
                failures.append("'\(domain.name)': \(error)")
            }
        }
        print("undefined \(removed) domains named '\(prefix)-*'")
        if !failures.isEmpty {
            throw BenchError("could not undefine \(failures.count): \(failures.prefix(5).joined(separator: "; "))")
        }
    }
}
