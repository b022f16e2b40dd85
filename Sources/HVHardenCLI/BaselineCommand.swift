import ArgumentParser
import Applier
import Foundation
import LiveHost
import Planner

/// `hvharden baseline`: turns the facts of one or many hosts into the strongest profile every
/// one of them satisfies, with the dated waivers each host needs to pass today.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Write the strongest profile that every given host satisfies, with the waivers each needs today.",
        discussion: """
            Reads host facts (files written by 'hvharden facts --format json', and with \
            --from-host this machine's facts under --root and its domains at --connect) and \
            writes a profile whose posture is the strongest that every host satisfies: \
            bare-metal unless a host is a virtual machine; hardware-assisted only if every host \
            has VT-x/AMD-V, EPT/NPT and /dev/kvm; boot integrity required only if every host has \
            Secure Boot, a TPM 2.0 and a measured-boot log (else preferred); passthrough from the \
            devices the domains hold (--from-host) or, for a facts file, the devices bound to \
            vfio-pci.

            Each host-fact rule that still fails on a host becomes a waiver naming the host and \
            the gap, expiring after --waiver-days. Waivers have no host selector, so with several \
            hosts they go into one profile per host (--out-dir: DIR/HOST.yaml, extending the \
            shared baseline); a single host's waivers go into the baseline itself. Every \
            generated profile is compiled before it is written.

            Exit status: 0 when the profiles were written, 1 on error.

            Examples:
              hvharden baseline --facts web01.json web02.json gpu01.json --out-dir profiles/fleet
              hvharden baseline --from-host --extends nist-800-125a-baseline --out site.yaml
            """
    )

    @Option(name: .customLong("facts"), parsing: .upToNextOption, help: ArgumentHelp(
        "Facts files written by 'hvharden facts --format json', one per host.", valueName: "file"))
    var factsFiles: [String] = []

    @Flag(help: "Also include this machine: its facts under --root and its domains at --connect.")
    var fromHost = false

    @Option(help: ArgumentHelp("The libvirt connection URI for --from-host.", valueName: "uri"))
    var connect = "qemu:///system"

    @Option(help: ArgumentHelp("The directory that stands for '/' when reading facts for --from-host.", valueName: "dir"))
    var root = "/"

    @Option(help: ArgumentHelp("A profile the baseline extends: a shipped profile's name or a file.", valueName: "profile"))
    var extends: String?

    @Option(help: ArgumentHelp("The shared profile's metadata.name, and its file name in --out-dir.", valueName: "name"))
    var name = "baseline"

    @Option(help: ArgumentHelp("Write the shared profile to this file (default: standard output, or DIR/NAME.yaml with --out-dir).", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Also write one profile per host, DIR/HOST.yaml, holding that host's waivers.", valueName: "dir"))
    var outDir: String?

    @Option(help: ArgumentHelp("Days until the generated waivers expire.", valueName: "n"))
    var waiverDays = 90

    func validate() throws {
        if factsFiles.isEmpty, !fromHost {
            throw ValidationError("Give facts files with --facts, or --from-host, or both.")
        }
    }

    func run() throws {
        do {
            var hosts: [BaselineHost] = []
            for path in factsFiles { hosts.append(try BaselineHostReader.factsFile(path)) }
            if fromHost {
                hosts.append(try BaselineHostReader.localHost(connectURI: connect, root: try InputPath.directory(root, option: "root")))
            }
            let baseline = try BaselineBuilder.build(
                hosts: hosts, options: BaselineOptions(name: name, extends: extends, waiverDays: waiverDays))
            let files = try baseline.files(out: out, outDir: outDir)
            if let outDir { try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true) }
            for file in files {
                guard let path = file.path else {
                    FileHandle.standardOutput.write(Data(file.text.utf8))
                    continue
                }
                try AtomicFile.write(Data(file.text.utf8), to: path, mode: 0o644)
            }
            report(baseline, files, toStandardError: files.contains { $0.path == nil })
        } catch {
            ErrorReporter.report(error)
            throw ExitCode.failure
        }
    }

    /// One line per file written and per note; on standard error when the profile itself went
    /// to standard output, so that it can be redirected cleanly.
    private func report(_ baseline: Baseline, _ files: [BaselineFile], toStandardError: Bool) {
        func say(_ line: String) {
            if toStandardError { Console.error(line) } else { Console.out(line) }
        }
        let posture = baseline.posture.posture
        say("baseline: platform \(posture.platform.rawValue), virtualization \(posture.virtualization.rawValue), "
            + "bootIntegrity \(posture.bootIntegrity.rawValue), passthrough \(posture.passthrough.mode.rawValue)")
        for file in files {
            let place = file.path.map { "wrote '\($0)'" } ?? "wrote the baseline to standard output"
            let whose = file.host.map { " for host '\($0)'" } ?? ""
            let waivers = file.waivers == 0 ? "" : " with \(file.waivers) waiver\(file.waivers == 1 ? "" : "s")"
            say(place + whose + waivers)
        }
        for note in baseline.posture.notes { say("note: \(note)") }
    }
}
