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

/// The reader fetches domains on several threads and the planner evaluates them on several:
/// the state, the plan and the error must not depend on how many threads there are or on the
/// order in which they finish.
@Suite struct ConcurrentReadTests {
    @Test func readGivesTheSameStateWithOneOrManyFetchers() throws {
        let lab = try ConcurrentReadLab(copies: 20)
        defer { lab.remove() }
        let policy = try ConcurrentReadLab.policy()
        let one = try ObservedState(reading: LiveStateReader(connectURI: lab.connectURI, root: RenderLab.root, fetchWorkers: 1), policy: policy)
        let many = try ObservedState(reading: LiveStateReader(connectURI: lab.connectURI, root: RenderLab.root, fetchWorkers: 8), policy: policy)
        #expect(ObservedSummary(one) == ObservedSummary(many))
        // Every copy of every lab domain was read, in listing order, with its own XML.
        #expect(Set(one.domains.map(\.name)) == Set(lab.names))
        #expect(one.domains.allSatisfy { $0.persistentXML.contains("<name>\($0.name)</name>") })
        #expect(one.domains.contains { $0.liveXML != nil } && one.domains.contains { $0.liveXML == nil })
    }

    @Test(arguments: [1, 3, 8])
    func planningWhileReadingEqualsReadingThenPlanning(fetchWorkers: Int) throws {
        let lab = try ConcurrentReadLab(copies: 20)
        defer { lab.remove() }
        let policy = try ConcurrentReadLab.policy()
        let reader = LiveStateReader(connectURI: lab.connectURI, root: RenderLab.root, key: TestKey.key, fetchWorkers: fetchWorkers)
        let twoSteps = try Planner.plan(policy: policy, reader: try reader.read(policy: policy), today: RenderLab.day)
        let oneStep = try Planner.plan(policy: policy, reader: reader, today: RenderLab.day)
        #expect(oneStep == twoSteps)
        // The plan covers every copy: 100 domains, each with the lab domains' changes.
        #expect(Set(twoSteps.basis.domains.keys) == Set(lab.names))
        #expect(twoSteps.summary.domainsChanged >= 80)
    }

    @Test func thePlanOfTheLabIsTheSameThroughEitherPath() throws {
        let policy = try ConcurrentReadLab.policy()
        let reader = LiveStateReader(connectURI: RenderLab.connectURI, root: RenderLab.root, key: TestKey.key)
        #expect(try Planner.plan(policy: policy, reader: reader, today: RenderLab.day) == RenderLab.plan())
    }

    @Test func aListingStartedEarlyGivesTheSamePlan() throws {
        let lab = try ConcurrentReadLab(copies: 5)
        defer { lab.remove() }
        let reader = LiveStateReader(connectURI: lab.connectURI, root: RenderLab.root, key: TestKey.key)
        // As `hvharden plan` may: list while the profiles compile.
        let listing = reader.startListing()
        let policy = try ConcurrentReadLab.policy()
        #expect(listing.connectURI == lab.connectURI)
        let early = try Planner.plan(policy: policy, reader: listing, today: RenderLab.day)
        #expect(early == (try Planner.plan(policy: policy, reader: reader, today: RenderLab.day)))

        let unreachable = LiveStateReader(connectURI: "test:///nonexistent/hvharden/node.xml", root: RenderLab.root, key: TestKey.key).startListing()
        #expect {
            _ = try Planner.plan(policy: policy, reader: unreachable)
        } throws: { error in
            "\(error)".hasPrefix("cannot connect to 'test:///nonexistent/hvharden/node.xml'")
        }
    }

    @Test func planDoesNotDependOnTheOrderOfTheDomains() throws {
        let lab = try ConcurrentReadLab(copies: 10)
        defer { lab.remove() }
        let policy = try ConcurrentReadLab.policy()
        var state = try ObservedState(reading: LiveStateReader(connectURI: lab.connectURI, root: RenderLab.root, key: TestKey.key), policy: policy)
        let plan = try Planner.plan(policy: policy, reader: state, today: RenderLab.day)
        state.domains.reverse()
        #expect(try Planner.plan(policy: policy, reader: state, today: RenderLab.day) == plan)
        state.domains.shuffle()
        #expect(try Planner.plan(policy: policy, reader: state, today: RenderLab.day) == plan)
    }

    @Test func theFirstMalformedDomainInNameOrderIsReported() throws {
        let policy = try ConcurrentReadLab.policy()
        let good = try ObservedState(reading: LiveStateReader(connectURI: RenderLab.connectURI, root: RenderLab.root, key: TestKey.key), policy: policy)
        let template = try #require(good.domains.first)
        var domains: [ObservedDomain] = []
        // Broken domains at both ends of the listing and many good ones between them, so that
        // some thread meets "zz" before another meets "aa".
        domains.append(ObservedDomain(name: "zz-broken", uuid: "u1", state: .shutoff, isActive: false, persistentXML: "<domain><name>x</nam></domain>"))
        for index in 0..<64 {
            var copy = template
            copy.name = "mid-\(index)"
            domains.append(copy)
        }
        domains.append(ObservedDomain(name: "aa-broken", uuid: "u2", state: .shutoff, isActive: false, persistentXML: "<domain"))
        let state = ObservedState(connectURI: "test:///", root: RenderLab.root, domains: domains, files: good.files, facts: good.facts)
        for _ in 0..<5 {
            #expect {
                _ = try Planner.plan(policy: policy, reader: state, today: RenderLab.day)
            } throws: { error in
                "\(error)".contains("domain 'aa-broken' has malformed XML")
            }
        }
    }

    @Test func planningWhileReadingNamesTheUnreachableURIAndTheUnknownDomain() throws {
        let policy = try ConcurrentReadLab.policy()
        let uri = "test:///nonexistent/hvharden/node.xml"
        #expect {
            _ = try Planner.plan(policy: policy, reader: LiveStateReader(connectURI: uri, root: RenderLab.root, key: TestKey.key))
        } throws: { error in
            "\(error)".hasPrefix("cannot connect to '\(uri)'")
        }
        #expect {
            _ = try Planner.plan(
                policy: policy, reader: LiveStateReader(connectURI: RenderLab.connectURI, root: RenderLab.root),
                domains: DomainSelection(selector: policy.domains, names: ["nope01"]))
        } throws: { error in
            "\(error)".contains("domain 'nope01' not found")
        }
    }

    @Test func domainOptionPlansOnlyTheNamedDomains() throws {
        let lab = try ConcurrentReadLab(copies: 4)
        defer { lab.remove() }
        let policy = try ConcurrentReadLab.policy()
        let named = ["db01-c3", "web01-c0"]
        let reader = LiveStateReader(connectURI: lab.connectURI, root: RenderLab.root, fetchWorkers: 4)
        let selection = DomainSelection(selector: policy.domains, names: named)
        let plan = try Planner.plan(policy: policy, reader: reader, domains: selection, today: RenderLab.day)
        #expect(plan.basis.domains.keys.sorted() == named)
        #expect(plan == (try Planner.plan(policy: policy, reader: try reader.read(policy: policy, domains: named), today: RenderLab.day)))
    }

    /// A file its lens rejects reaches the plan as a finding naming file and line, whichever
    /// way the state is read; the rest of the plan is still made.
    @Test func unparsableConfigFilesStillReachTheCaller() throws {
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("vnc_lisen = \"0.0.0.0\"\n", to: "/etc/libvirt/qemu.conf")
        let policy = try ConcurrentReadLab.policy()
        let reader = LiveStateReader(connectURI: RenderLab.connectURI, root: root.path, key: TestKey.key)
        for plan in [try Planner.plan(policy: policy, reader: try reader.read(policy: policy)), try Planner.plan(policy: policy, reader: reader)] {
            let finding = try #require(plan.findings.first { $0.rule == PlannerRules.hostFileParses })
            #expect(finding.message.contains("/etc/libvirt/qemu.conf:1"), "\(finding.message)")
            #expect(!plan.changes.contains { $0.address.ref == ConfigFileResource.ref("/etc/libvirt/qemu.conf") })
        }
    }
}
