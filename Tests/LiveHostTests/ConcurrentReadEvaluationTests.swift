import Compiler
import Foundation
import Host
import Testing
@testable import Planner
@testable import HostModel
@testable import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// The evaluation shortcuts taken for speed give what the plain XPath gives: a creatable path
/// walked in the tree finds the element the XPath selects, an `xml-every` check asked as one
/// query fails the nodes that one query per node fails, and an XPath naming what a document
/// never had selects nothing, as evaluating it would.
@Suite struct ConcurrentReadEvaluationTests {
    /// Every domain document at hand: the catalogue's examples, the lab's domains, and a few
    /// made to trip a tree walk (namespaces, repeated elements, quotes in values).
    static func corpus() throws -> [(label: String, xml: String)] {
        var documents: [(label: String, xml: String)] = []
        for rule in try Repo.catalogue().rules where rule.target == .domain {
            for (index, example) in (rule.examples.compliant + rule.examples.noncompliant).enumerated() {
                if let xml = example.xml { documents.append(("\(rule.id) example \(index)", xml)) }
            }
        }
        let connection = try LibvirtConnection(uri: RenderLab.connectURI)
        defer { connection.close() }
        for domain in try connection.listAllDomains() {
            documents.append(("lab \(domain.name)", try domain.persistentXML()))
        }
        documents.append(("tricky", """
            <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' xmlns:x='urn:other'>
              <name>tricky</name>
              <memory unit='KiB'>1024</memory>
              <x:memory>2</x:memory>
              <os><type>hvm</type><loader secure='no'>a</loader><loader secure='yes'>b</loader></os>
              <devices>
                <disk device='cdrom'><target dev='hdc'/></disk>
                <disk device='disk'><target dev='vda' bus='virtio'/></disk>
                <disk device='disk'><target dev='vdb' bus="it's"/></disk>
                <x:disk device='disk'/>
                <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
              </devices>
              <qemu:commandline><qemu:arg value='-s'/></qemu:commandline>
            </domain>
            """))
        documents.append(("namespaced root", "<domain xmlns='urn:default'><memory>1</memory></domain>"))
        return documents
    }

    static func creatablePaths() throws -> [String] {
        var paths: Set<String> = [
            "/domain/memory", "/domain/vcpu", "/domain/os/loader", "/domain/os/loader[@secure='yes']",
            "/domain/devices/disk[@device='disk']/target", "/domain/devices/disk/target[@bus='virtio']",
            "/domain/devices/disk/target[@bus=\"it's\"]", "/domain/qemu:commandline/qemu:arg",
            "/domain/devices/channel[@type='unix']/target[@type='virtio'][@name='org.qemu.guest_agent.0']",
            "/domain/nothing/here", "/other/memory",
        ]
        for rule in try Repo.catalogue().rules {
            switch rule.check {
            case .xmlValue(let c): paths.insert(c.path)
            case .xmlPresent(let c): paths.insert(c.path)
            default: break
            }
        }
        return paths.sorted()
    }

    @Test func creatablePathWalkFindsWhatTheXPathSelects() throws {
        let paths = try Self.creatablePaths().map { try #require(CreatablePath($0), "'\($0)' does not parse") }
        #expect(paths.contains { !$0.isPlain } && paths.contains(where: \.isPlain))
        var compared = 0
        for (label, xml) in try Self.corpus() {
            let document = try XMLDocument(string: xml)
            for path in paths {
                let walked = try path.find(in: document)
                let selected = try document.select(path.text).first
                #expect(walked == selected, "\(label): '\(path.text)' walked to \(walked?.path ?? "nothing"), XPath selects \(selected?.path ?? "nothing")")
                compared += 1
            }
        }
        #expect(compared > 1000)
    }

    @Test func cachedPathsAreTheParsedOnes() throws {
        for text in try Self.creatablePaths() {
            #expect(CreatablePath.cached(text) == CreatablePath(text))
            #expect(CreatablePath.cached(text)?.steps == CreatablePath(text)?.steps)
        }
        #expect(CreatablePath.cached("not a path") == nil)
    }

    /// `xml-every` the way it was first written: one `boolean(require)` per selected node.
    static func everyNodeByNode(_ c: XMLEveryCheck, _ document: XMLDocument) throws -> Outcome {
        let nodes = try document.select(c.select)
        if nodes.isEmpty { return .notApplicable("nothing matches \(c.select)") }
        var failing: [String] = []
        for node in nodes {
            if case .boolean(let ok) = try document.evaluate("boolean(\(c.require))", relativeTo: node), ok { continue }
            failing.append(node.path)
        }
        if failing.isEmpty { return .compliant }
        return .finding("\(failing.count) of \(nodes.count) lack \(c.describe): \(failing.joined(separator: ", "))")
    }

    @Test func everyCheckAsOneQueryFailsWhatOneQueryPerNodeFails() throws {
        var checks: [(rule: Rule, check: XMLEveryCheck)] = []
        for rule in try Repo.catalogue().rules {
            if case .xmlEvery(let c) = rule.check { checks.append((rule, c)) }
        }
        #expect(checks.count >= 10)
        // Requirements that read the context position keep the per-node evaluation (where
        // libxml2 has no position to give, so both ways fail alike).
        let anyRule = try #require(checks.first?.rule)
        let positional = try JSONDecoder().decode(
            XMLEveryCheck.self, from: Data(#"{"select": "/domain/devices/disk", "require": "position() = 1", "describe": "being first"}"#.utf8))
        checks.append((anyRule, positional))
        var findings = 0
        for (label, xml) in try Self.corpus() {
            let document = try XMLDocument(string: xml)
            for (rule, check) in checks {
                let fast = Result { try XMLCheckEvaluator(rule: rule, parameters: [:]).evaluate(.xmlEvery(check), document) }
                let slow = Result { try Self.everyNodeByNode(check, document) }
                switch (fast, slow) {
                case (.success(let a), .success(let b)):
                    #expect(a == b, "\(label): rule '\(rule.id)' select '\(check.select)'")
                    if case .finding = a { findings += 1 }
                case (.failure(let a), .failure(let b)):
                    #expect("\(a)" == "\(b)", "\(label): rule '\(rule.id)' fails differently")
                default:
                    Issue.record("\(label): rule '\(rule.id)' gives \(fast) one way and \(slow) the other")
                }
            }
        }
        #expect(findings > 20)
    }

    /// Every XPath the catalogue and the capability gate ask, and some made to trip the names
    /// shortcut, on every document at hand: with the shortcut and without it, the same nodes,
    /// values and errors.
    @Test func anXPathNamingWhatTheDocumentLacksSelectsWhatEvaluatingItSelects() throws {
        var xpaths: Set<String> = [
            "/domain/devices/hostdev | /domain/devices/disk", " /domain/nothing|/domain/memory ", "/domain/devices//seclabel[@relabel='no']",
            "/domain/qemu:commandline/qemu:arg/@value", "//qemu:arg", "/domain/devices[count(disk) > 0]/nothing", "/domain/devices[x:y]/nothing",
            "/domain/devices[$v]/nothing", "/domain/nothing[x:y]", "/domain/x:nothing", "/domain/devices/disk/@nothing", "/domain/os/loader/@secure",
            "/domain/*/nothing", "/domain/devices/disk[1]/target", "//nothing", "nothing", "/domain/nothing/..", "/domain/memory[. > 0]",
            "/domain/devices/disk[target/@dev='vda' or @device='cdrom']/target", "/domain/devices/disk[@device='disk']/nothing[@a='b]']",
            "/domain", "/domain/memory", "/domain/memory/@unit", "/domain/devices/disk/target/@dev", "/domain/devices/*", "/domain/x:memory",
            "/domain/devices/disk/@device", "/domain/devices/disk/source/@file", "/domain/os/type/@arch", "/domain/@type", "/domain/name",
            "/other", "/domain/devices/disk/target/@nothing", "/domain/os/loader", "/domain/qemu:commandline/qemu:arg",
            // Type errors libxml2 raises only on a node the step found.
            "/domain[1|2]/nothing", "/domain/devices['a'/b]/nothing", "/domain/devices[1[1]]/nothing", "/domain[\"a\" [1]]/nothing",
        ]
        for rule in try Repo.catalogue().rules where rule.target == .domain {
            switch rule.check {
            case .xmlValue(let c): xpaths.insert(c.path)
            case .xmlPresent(let c): xpaths.formUnion([c.path] + (c.unless.map { [$0] } ?? []))
            case .xmlAbsent(let c): xpaths.insert(c.select)
            case .xmlCount(let c): xpaths.insert(c.select)
            case .xmlEvery(let c): xpaths.insert(c.select)
            default: break
            }
        }
        for aspect in CapabilityAspect.allCases { xpaths.formUnion(aspect.xpaths) }
        var skipped = 0, walked = 0
        for (label, xml) in try Self.corpus() {
            let shortcut = try XMLDocument(string: xml)
            let evaluated = try XMLDocument(string: xml)
            #expect(shortcut.namesInterned)
            evaluated.takesShortcuts = false
            let copy = try shortcut.copy()
            for xpath in xpaths.sorted() {
                // A copy has no parser dictionary: only the plain paths are walked in it.
                let slow = Result { try evaluated.select(xpath).map(\.path) + evaluated.strings(xpath) }
                for document in [shortcut, copy] {
                    let fast = Result { try document.select(xpath).map(\.path) + document.strings(xpath) }
                    switch (fast, slow) {
                    case (.success(let a), .success(let b)): #expect(a == b, "\(label): '\(xpath)'")
                    case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(label): '\(xpath)'")
                    default: Issue.record("\(label): '\(xpath)' gives \(fast) with the shortcut and \(slow) without")
                    }
                }
                if shortcut.answersWithoutEvaluating(xpath) { skipped += 1 }
                if XPathPlainPath(xpath) != nil { walked += 1 }
            }
        }
        #expect(skipped > 1000, "\(skipped)")
        #expect(walked > 1000, "\(walked)")
        // An edited document's new names are not in the parser's dictionary: no shortcut.
        let edited = try XMLDocument(string: "<domain><devices/></domain>")
        #expect(edited.answersWithoutEvaluating("/domain/devices/hostdev"))
        try edited.root.children[0].appendChild("hostdev")
        #expect(!edited.answersWithoutEvaluating("/domain/devices/hostdev"))
        #expect(try edited.select("/domain/devices/hostdev").count == 1)
        #expect(try !XMLDocument(string: "<domain/>").copy().answersWithoutEvaluating("/domain/devices"))
    }

    @Test func requirementsReadingTheContextPositionAreRecognised() {
        #expect(XMLCheckEvaluator.usesContextPosition("position() = 1"))
        #expect(XMLCheckEvaluator.usesContextPosition("@a and last ()"))
        #expect(!XMLCheckEvaluator.usesContextPosition("starts-with(model/@type, 'virtio')"))
        #expect(!XMLCheckEvaluator.usesContextPosition(""))
    }

    @Test func domainSizingReadsMemoryAndVCPUs() throws {
        let sized = DomainSummary(name: "d", document: try XMLDocument(string: "<domain><memory unit='GiB'>2</memory><vcpu>3</vcpu></domain>"))
        #expect(sized == DomainSummary(name: "d", memoryBytes: 2 << 30, vcpus: 3))
        let bare = DomainSummary(name: "e", document: try XMLDocument(string: "<domain><memory unit='parsec'>2</memory><vcpu>x</vcpu></domain>"))
        #expect(bare == DomainSummary(name: "e", memoryBytes: nil, vcpus: nil))
        let none = DomainSummary(name: "f", document: try XMLDocument(string: "<domain/>"))
        #expect(none == DomainSummary(name: "f", memoryBytes: nil, vcpus: 1))
    }
}
