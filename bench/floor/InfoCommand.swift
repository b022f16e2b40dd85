import ArgumentParser
import Foundation
import Host

/// `hvharden-floor info`: the library and hypervisor versions behind a URI, for the benchmark's
/// description of the machine (and a check that the daemon answers before anything is defined).
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print the libvirt and hypervisor versions of a connection.")

    @Option(help: ArgumentHelp("The libvirt connection URI.", valueName: "uri")) var connect = "qemu:///system"

    func run() throws {
        let connection = try LibvirtConnection(uri: connect)
        defer { connection.close() }
        let hypervisor = try connection.hypervisorVersion().map { " \($0)" } ?? ""
        print("libvirt \(try connection.libvirtVersion()), \(try connection.driverType())\(hypervisor)")
    }
}
