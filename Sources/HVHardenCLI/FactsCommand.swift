import ArgumentParser
import Foundation
import LiveHost
import Planner

/// `hvharden facts`: writes what this host can do and what evidence it shows, read-only.
struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "Show the host's capabilities and posture evidence (read-only).",
        discussion: """
            Reads the host facts under --root (CPU virtualization flags, /dev/kvm and the KVM \
            module, hypervisor evidence, UEFI, Secure Boot, lockdown, module signing, TPM and \
            measured boot, IOMMU groups and PCI devices, memory, KSM, SMT, CPU vulnerabilities, \
            runtime sysctls, AppArmor and SELinux with the loaded AppArmor profiles, bridges and \
            the host's addresses, libvirt's network definitions; see docs/facts.md) and asks the libvirt daemon at --connect, over a \
            read-only connection, for its driver, libvirt and hypervisor (QEMU) versions, host \
            name and domain counts. The report is JSON with sorted keys (docs/facts.schema.json) \
            or the same document as YAML; the same observations always give the same bytes. \
            'hvharden baseline --facts' reads the JSON of many hosts.

            When libvirt cannot be reached and --connect was not given, the report is still \
            written, without its 'libvirt' section and with a note saying why (exit 0). When \
            --connect names a URI explicitly, not reaching it is an error (exit 1). A URI on \
            another host (qemu+ssh://hv02/system) with the local root is refused: the report \
            would mix two machines; run facts on that host instead.

            Exit status: 0 when the report was written, 1 on error.

            Examples:
              hvharden facts > "$(hostname).facts.json"
              hvharden facts --format yaml
              hvharden facts --connect "test://$PWD/examples/lab/node.xml" \\
                  --root examples/lab/root
            """
    )

    /// How the report is written on standard output.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case json, yaml
    }

    @Option(help: ArgumentHelp(
        "The directory that stands for '/' when reading host facts.", valueName: "dir"))
    var root = "/"

    @Option(help: ArgumentHelp(
        "The libvirt connection URI (default: qemu:///system, optional).", valueName: "uri"))
    var connect: String?

    @Option(help: "Output format on standard output.")
    var format: Format = .json

    func run() throws {
        do {
            let reader = FactsReader(
                connectURI: connect ?? "qemu:///system", root: try InputPath.directory(root, option: "root"),
                connectionRequired: connect != nil)
            let report = try reader.read()
            switch format {
            case .json: FileHandle.standardOutput.write(try report.jsonData())
            case .yaml: FileHandle.standardOutput.write(Data(try report.yamlText().utf8))
            }
            for note in report.notes { Console.error("note: \(note)") }
        } catch {
            ErrorReporter.report(error)
            throw ExitCode(1)
        }
    }
}
