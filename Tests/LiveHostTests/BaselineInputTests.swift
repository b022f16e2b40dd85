import Compiler
import Foundation
import Host
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Facts files in, errors out: the formats `BaselineHostReader` accepts, the names it gives
/// hosts, and the mistakes it reports by file and host.
@Suite struct BaselineInputTests {
    static let day = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01, UTC

    struct Scratch {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-baseline-input-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        func write(_ name: String, _ text: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    static func factsJSON(_ facts: HostFacts = BaselinePostureTests.strongHost("x").facts) throws -> String {
        String(decoding: try facts.jsonData(), as: UTF8.self)
    }

    @Test func bareFactsAreNamedAfterTheFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try scratch.write("web01.facts.json", try Self.factsJSON())
        let host = try BaselineHostReader.factsFile(path)
        #expect(host.name == "web01")
        #expect(host.facts.cpu.vmx)
        #expect(host.domains == nil)
        #expect(host.origin == "facts file '\(path)'")
    }

    /// The report `hvharden facts` writes: the facts under `host`, the name under `hostname`.
    @Test func factsReportsCarryTheirHostName() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let facts = BaselinePostureTests.strongHost("x").facts
        let named = FactsReport(connectURI: "qemu:///system", root: "/", hostname: "kvm07.example.org", libvirt: nil, host: facts)
        let host = try BaselineHostReader.factsFile(try scratch.write("any.json", String(decoding: try named.jsonData(), as: UTF8.self)))
        #expect(host.name == "kvm07.example.org")
        #expect(host.facts == facts)
        let unnamed = FactsReport(connectURI: "qemu:///system", root: "/sandbox", hostname: nil, libvirt: nil, host: facts)
        let path = try scratch.write("kvm08.json", String(decoding: try unnamed.jsonData(), as: UTF8.self))
        #expect(try BaselineHostReader.factsFile(path).name == "kvm08", "without a hostname the file names the host")
        let future = try scratch.write("future.json", "{\"formatVersion\": 99, \"host\": {}}")
        #expect { try BaselineHostReader.factsFile(future) } throws: { "\($0)".contains("formatVersion 99 is newer") }
    }

    @Test func mistakesNameTheFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let cases: [(String, String, String)] = [
            ("list.json", "[1, 2]", "the top level is not a JSON object"),
            ("text.json", "cpu: yes", "it is not JSON"),
            ("plan.json", "{\"formatVersion\": 1, \"changes\": []}", "it has neither a facts report's 'host' nor host facts"),
            ("broken.json", "{\"cpu\": {\"vmx\": \"yes\"}}", "field 'cpu.vmx' is not a Bool"),
            ("report.json", "{\"formatVersion\": 1, \"host\": {\"cpu\": {}}}", "is missing"),
        ]
        for (name, text, why) in cases {
            let path = try scratch.write(name, text)
            #expect { try BaselineHostReader.factsFile(path) } throws: { error in
                let message = "\(error)"
                return message.hasPrefix("'\(path)' is not a facts file") && message.contains(why)
            }
        }
        let missing = scratch.directory.appendingPathComponent("gone.json").path
        #expect { try BaselineHostReader.factsFile(missing) } throws: { "\($0)" == "cannot read facts file '\(missing)': no such file" }
        let badName = try scratch.write("-rf.json", try Self.factsJSON())
        #expect { try BaselineHostReader.factsFile(badName) } throws: { "\($0)".hasPrefix("host name '-rf' from facts file") }
    }

    @Test func twoHostsWithOneNameAreRefused() throws {
        let a = BaselinePostureTests.strongHost("web01"), b = BaselinePostureTests.strongHost("web01")
        #expect { try BaselineBuilder.build(hosts: [a, b], options: BaselineOptions(today: Self.day)) } throws: {
            "\($0)".hasPrefix("two hosts are named 'web01'")
        }
        #expect { try BaselineBuilder.build(hosts: [], options: BaselineOptions(today: Self.day)) } throws: { "\($0)".hasPrefix("no hosts") }
        #expect { try BaselineBuilder.build(hosts: [a], options: BaselineOptions(waiverDays: 0, today: Self.day)) } throws: {
            "\($0)" == "--waiver-days must be between 1 and 3650, found 0"
        }
        #expect { try BaselineBuilder.build(hosts: [a], options: BaselineOptions(extends: "nist-800-125a-basline", today: Self.day)) } throws: {
            "\($0)" == "parent profile 'nist-800-125a-basline' does not compile:\nerror: no such profile file 'nist-800-125a-basline', "
                + "and no shipped profile has that name (did you mean 'nist-800-125a-baseline'?); "
                + "shipped profiles: nist-800-125a-baseline, nist-800-125a-high"
        }
    }

    /// A waiver in a shared profile would excuse every host, so several hosts with gaps need
    /// --out-dir; hosts without gaps share one profile.
    @Test func severalHostsWithWaiversNeedAnOutDir() throws {
        var weak = BaselinePostureTests.strongHost("weak01")
        weak.facts.ksm = KSMFacts(run: 1, pagesShared: 100)
        let strong = BaselinePostureTests.strongHost("strong01")
        let baseline = try BaselineBuilder.build(hosts: [strong, weak], options: BaselineOptions(today: Self.day))
        #expect(baseline.hostsWithWaivers == ["weak01"])
        #expect { try baseline.files(out: "x.yaml", outDir: nil) } throws: { "\($0)".hasPrefix("hosts 'weak01' need waivers") }
        let files = try baseline.files(out: nil, outDir: "fleet")
        #expect(files.map(\.path) == ["fleet/baseline.yaml", "fleet/strong01.yaml", "fleet/weak01.yaml"])
        #expect(files.map(\.host) == [nil, "strong01", "weak01"])
        #expect(files[2].text.contains("extends: [\"baseline.yaml\"]"))
        #expect(files[2].waivers == baseline.hosts[1].waivers.count && files[2].waivers > 0)
        #expect(files[1].text.contains("# No waivers: every host-fact rule holds on this host."))
        // A host named like the shared profile would overwrite it.
        let clash = try BaselineBuilder.build(hosts: [BaselinePostureTests.strongHost("baseline")], options: BaselineOptions(today: Self.day))
        #expect { try clash.files(out: nil, outDir: "fleet") } throws: { "\($0)".hasPrefix("the profile of host 'baseline' would overwrite") }
        let shared = try BaselineBuilder.build(hosts: [strong, BaselinePostureTests.strongHost("strong02")], options: BaselineOptions(today: Self.day))
        #expect(try shared.files(out: nil, outDir: nil).map(\.path) == [nil])
    }
}
