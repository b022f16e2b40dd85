import Compiler
import Foundation
import HostModel
import Testing
@testable import Planner
import TestSupport

/// The Planner through its `StateReader` protocol alone: an in-memory host that delivers
/// domains from several threads in random order, with no libvirt and no Augeas.
@Suite struct PlannerReaderTests {
    typealias F = PlannerFakes

    @Test func aPlanDependsOnlyOnWhatIsReadNotOnDeliveryOrder() throws {
        let policy = try F.policy([F.crashRule, F.kptrRule])
        var domains: [String: String] = [:]
        for i in 0..<40 { domains["g\(i)"] = F.domain("g\(i)") }
        let host = InMemoryHost(domains: domains, files: [F.sysctlFile: "kernel.kptr_restrict = 1\n"])
        let first = try Planner.plan(policy: policy, reader: host)
        for _ in 0..<5 { #expect(try Planner.plan(policy: policy, reader: host) == first) }
        // Read into values first, then planned: the same plan.
        #expect(try Planner.plan(policy: policy, reader: ObservedState(reading: host, policy: policy)) == first)
        #expect(first.changes.filter { $0.rule == F.crashRule }.count == 40)
        #expect(first.changes.map(\.address) == first.changes.map(\.address).sorted())
        let kptr = try #require(first.changes.first { $0.rule == F.kptrRule })
        #expect(kptr.address == .file(F.sysctlFile, key: "kernel.kptr_restrict"))
        #expect(kptr.edit.as(FileEdit.self) == .set(key: "kernel.kptr_restrict", value: "2"))
        // The basis records every object that was read.
        #expect(first.basis.objects.count == 41)
        #expect(first.basis.objects[ConfigFileResource.ref(F.sysctlFile)] == TestKey.fingerprint("kernel.kptr_restrict = 1\n"))
    }

    @Test func aSelectionPlansOnlyTheNamedDomainsAndRejectsUnknownOnes() throws {
        let policy = try F.policy([F.crashRule])
        let host = InMemoryHost(domains: ["a": F.domain("a"), "b": F.domain("b"), "c": F.domain("c")])
        let plan = try Planner.plan(policy: policy, reader: host, domains: DomainSelection(selector: policy.domains, names: ["b"]))
        #expect(plan.changes.map(\.address.ref) == [DomainResource.ref("b")])
        #expect(throws: (any Error).self) {
            try Planner.plan(policy: policy, reader: host, domains: DomainSelection(selector: policy.domains, names: ["zz"]))
        }
        let excluded = DomainSelection(selector: DomainSelector(include: ["*"], exclude: ["a", "c"]))
        #expect(try Planner.plan(policy: policy, reader: host, domains: excluded).changes.map(\.address.ref) == [DomainResource.ref("b")])
    }

    /// A read failure is reported for the domain that failed, before any evaluation failure,
    /// and the first in listing order whichever thread met it first.
    @Test func readFailuresComeInListingOrder() throws {
        let policy = try F.policy([F.crashRule])
        let reader = FailingReader(failing: ["m", "c", "x"], names: (0..<26).map { String(UnicodeScalar(97 + $0)!) })
        for _ in 0..<5 {
            #expect {
                try Planner.plan(policy: policy, reader: reader)
            } throws: { error in
                "\(error)" == "cannot read domain 'c': the daemon went away"
            }
        }
    }

    /// After the domain reads, a config file that cannot be read is reported before a domain
    /// whose definition cannot be evaluated, as a sequential pass would meet them; without the
    /// file failure, the first such domain by name.
    @Test func configFilesFailBeforeEvaluationAndEvaluationFailuresComeByName() throws {
        let policy = try F.policy([F.crashRule, F.kptrRule])
        let names = (0..<26).map { String(UnicodeScalar(97 + $0)!) }
        for _ in 0..<5 {
            #expect {
                try Planner.plan(policy: policy, reader: FailingReader(failing: [], names: names, filesFail: true, malformed: ["q", "b"]))
            } throws: { error in
                "\(error)".contains("permission denied")
            }
            #expect {
                try Planner.plan(policy: policy, reader: FailingReader(failing: [], names: names, malformed: ["q", "b"]))
            } throws: { error in
                "\(error)".contains("'b'")
            }
            #expect {
                try Planner.plan(policy: policy, reader: FailingReader(failing: ["x"], names: names, filesFail: true, malformed: ["b"]))
            } throws: { error in
                "\(error)" == "cannot read domain 'x': the daemon went away"
            }
        }
    }

    @Test func aDomainOfAnotherDriverIsOutOfScopeNotEdited() throws {
        let policy = try F.policy([F.crashRule])
        let xen = F.domain("x").replacingOccurrences(of: "type='kvm'", with: "type='xen'")
        let plan = try Planner.plan(policy: policy, reader: InMemoryHost(domains: ["x": xen]))
        #expect(plan.changes.isEmpty)
        #expect(plan.findings.map(\.rule) == [PlannerRules.domainDriverInScope])
    }
}

/// Delivers `names` as trivial domains, except that the ones in `failing` fail to read.
struct FailingReader: StateReader {
    func readPaths(_ query: PathQuery) -> ObservedPaths { .none }
    func readUnits(_ names: Set<String>) -> ObservedUnits { .none }
    func readSecrets(includingFiles: Bool) -> ObservedSecrets { .none }
    let failing: Set<String>
    let names: [String]
    /// Config files cannot be read.
    var filesFail = false
    /// Domains whose definition is not XML.
    var malformed: Set<String> = []
    var connectURI: String { "test:///failing" }
    var root: String { "/" }
    var hostScopeNote: String? { nil }
    var hostName: String? { nil }
    func readFacts() -> HostFacts { HostFacts() }
    func readFiles(_ query: ConfigQuery) throws -> [ConfigFile: ObservedFile] {
        if filesFail { throw PlanError.configFile(["/etc/sysctl.conf: permission denied"]) }
        return [:]
    }
    func domainCapabilities(_ key: CapabilityKey) -> CapabilityLookup { CapturedCapabilities.amdNested(key) }
    func readDomains(
        _ selection: DomainSelection, deliver: @escaping @Sendable (String, Result<ObservedDomain, any Error>) -> Void
    ) throws -> DomainSelection.Chosen {
        let chosen = try selection.choose(from: names, uri: connectURI)
        let failing = self.failing, malformed = self.malformed
        ParallelWork.forEach(chosen.selected.reversed(), workers: 4) { name in
            if malformed.contains(name) {
                deliver(name, .success(ObservedDomain(name: name, uuid: "u", state: .shutoff, isActive: false, persistentXML: "<domain")))
            } else if failing.contains(name) {
                deliver(name, .failure(PlanError.domain(name: name, reason: "the daemon went away")))
            } else {
                deliver(name, .success(ObservedDomain(name: name, uuid: "u", state: .shutoff, isActive: false, persistentXML: PlannerFakes.domain(name))))
            }
        }
        return chosen
    }
}
