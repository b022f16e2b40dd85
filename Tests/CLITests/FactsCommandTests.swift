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

/// `hvharden facts`: the report's content, its schema (docs/facts.schema.json), YAML that reads
/// back as the same document, and the rules for an unreachable or remote libvirt.
@Suite struct FactsCommandTests {
    static let schema = Repo.root.appendingPathComponent("docs/facts.schema.json")

    @Test func theLabReportHasTheLabsFactsAndDaemon() throws {
        let report = try FactsReader(connectURI: RenderLab.connectURI, root: RenderLab.root, connectionRequired: true).read()
        #expect(report.host == HostFactsReader(root: RenderLab.root).read())
        let libvirt = try #require(report.libvirt)
        #expect(libvirt.driver == "TEST")
        let connection = try LibvirtConnection(uri: RenderLab.connectURI, readOnly: true)
        defer { connection.close() }
        let domains = try connection.listAllDomains()
        #expect(libvirt.domains == domains.count && libvirt.domains > 0)
        #expect(libvirt.activeDomains == domains.filter(\.isActive).count)
        #expect(libvirt.libvirtVersion == (try connection.libvirtVersion()))
        #expect(report.connectURI == RenderLab.connectURI && report.root == RenderLab.root)
        #expect(report.notes.isEmpty)
        #expect(try FactsReport(jsonData: report.jsonData()) == report)
    }

    @Test func theLabAndThisHostMatchTheSchema() throws {
        let lab = try FactsReader(connectURI: RenderLab.connectURI, root: RenderLab.root, connectionRequired: true).read()
        let here = try FactsReader(connectURI: "qemu:///system", root: "/", connectionRequired: false).read()
        for report in [lab, here] {
            let violations = try ReportSchemaValidator.violations(try report.jsonData(), schema: Self.schema)
            #expect(violations.isEmpty, "\(report.root): \(violations)")
        }
        // The schema is strict: a field it does not know is a violation, so it cannot fall behind HostFacts.
        var json = try #require(try JSONSerialization.jsonObject(with: lab.jsonData()) as? [String: Any])
        var host = try #require(json["host"] as? [String: Any])
        host["newFact"] = true
        json["host"] = host
        #expect(!(try ReportSchemaValidator.violations(try JSONSerialization.data(withJSONObject: json), schema: Self.schema)).isEmpty)
    }

    @Test func yamlReadsBackAsTheSameDocument() throws {
        for report in [
            try FactsReader(connectURI: RenderLab.connectURI, root: RenderLab.root, connectionRequired: true).read(),
            try FactsReader(connectURI: "qemu:///system", root: "/", connectionRequired: false).read(),
        ] {
            let json = try JSONDecoder().decode(JSONValue.self, from: report.jsonData())
            #expect(try ReportYAML.value(try report.yamlText()) == json)
        }
    }

    /// Without --connect an unreachable daemon is a note; with it, an error.
    @Test func anUnreachableDaemonIsANoteUnlessItWasAskedFor() throws {
        let missing = "test:///nonexistent-\(UUID().uuidString)/node.xml"
        let report = try FactsReader(connectURI: missing, root: RenderLab.root, connectionRequired: false).read()
        #expect(report.libvirt == nil)
        #expect(report.notes.count == 1 && report.notes[0].contains(missing))
        #expect(report.host == HostFactsReader(root: RenderLab.root).read())
        #expect(try ReportSchemaValidator.violations(try report.jsonData(), schema: Self.schema).isEmpty)
        #expect(throws: FactsError.self) {
            try FactsReader(connectURI: missing, root: RenderLab.root, connectionRequired: true).read()
        }
    }

    @Test func aRemoteURIWithTheLocalRootIsRefused() throws {
        do {
            _ = try FactsReader(connectURI: "qemu+ssh://otherhost/system", root: "/", connectionRequired: true).read()
            Issue.record("a remote URI with the local root was accepted")
        } catch let error as FactsError {
            #expect("\(error)".contains("'otherhost'"))
        }
    }

    @Test func theCommandWritesJSONAndYAML() throws {
        let base = ["facts", "--connect", RenderLab.connectURI, "--root", RenderLab.root]
        let json = try PlanCommandSupport.hvharden(base)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try ReportSchemaValidator.violations(Data(json.stdout.utf8), schema: Self.schema).isEmpty)
        let yaml = try PlanCommandSupport.hvharden(base + ["--format", "yaml"])
        #expect(yaml.status == 0, "\(yaml.stderr)")
        #expect(try ReportYAML.value(yaml.stdout) == (try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))))
    }

    @Test func theCommandFailsOnAnExplicitUnreachableOrRemoteURI() throws {
        let missing = try PlanCommandSupport.hvharden(["facts", "--connect", "test:///nonexistent/node.xml", "--root", RenderLab.root])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: cannot read libvirt at 'test:///nonexistent/node.xml'"), "\(missing.stderr)")
        #expect(missing.stdout.isEmpty)
        let remote = try PlanCommandSupport.hvharden(["facts", "--connect", "qemu+ssh://otherhost/system"])
        #expect(remote.status == 1)
        #expect(remote.stderr.contains("'otherhost'"), "\(remote.stderr)")
    }
}
