import Compiler
import Foundation
import Testing
@testable import Applier
import Planner
import TestSupport

/// The Applier through its protocols alone: an in-memory host as the reader and the stores,
/// a journal in a temporary state directory; no libvirt, no Augeas.
@Suite struct ApplierFakeHostTests {
    static let sysctl = ConfigFile.sysctl.writablePath

    struct Setup {
        let host: InMemoryHost
        let policy: Policy
        let state: Scratch

        init() throws {
            host = InMemoryHost(
                domains: ["a": PlannerFakesA.domain("a"), "b": PlannerFakesA.domain("b")],
                files: [ApplierFakeHostTests.sysctl: "kernel.kptr_restrict = 1\n"])
            let rules = try ["domain-on-crash-no-dump", "sysctl-kptr-restrict"].map { id in
                SelectedRule(rule: try #require(RuleCatalogue.shipped.rule(id)))
            }
            policy = Policy(posture: Posture(), domains: DomainSelector(), rules: rules)
            state = try Scratch("hvh-applier")
        }

        func plan() throws -> Plan { try Planner.plan(policy: policy, reader: host) }

        func applier(_ plan: Plan, checkpoint: (@Sendable (ApplyCheckpoint) -> Void)? = nil) -> Applier {
            Applier(plan: plan, policy: policy, options: ApplyOptions(stateDirectory: state.path, hostLock: nil, checkpoint: checkpoint))
        }
    }

    @Test func anApplyConvergesIsJournaledAndRollsBack() throws {
        let s = try Setup()
        let before = (s.host.domain("a"), s.host.domain("b"), s.host.file(Self.sysctl))
        let plan = try s.plan()
        #expect(Set(plan.changes.compactMap(\.address.ref)).count == 3)
        let points = Checkpoints()
        let result = try s.applier(plan, checkpoint: points.record).apply(stores: s.host.stores, reader: s.host)
        #expect(result.written == [DomainResource.ref("a"), DomainResource.ref("b"), ConfigFileResource.ref(Self.sysctl)])
        #expect(points.seen == [.afterJournal, .afterObject(1), .afterObject(2), .afterObject(3)])
        #expect(try s.plan().changes.isEmpty)
        #expect(s.host.file(Self.sysctl) == "kernel.kptr_restrict = 2\n")

        let journal = try Journal.open(stateDirectory: s.state.path, id: result.applyID)
        #expect(journal.manifest.status == .verified)
        #expect(journal.manifest.objects.map(\.object) == result.written)

        // Nothing left to do: a second apply writes nothing and keeps no journal.
        let writes = s.host.writes
        #expect(try s.applier(try s.plan()).apply(stores: s.host.stores, reader: s.host).applyID == nil)
        #expect(s.host.writes == writes)

        let back = try Rollback(stateDirectory: s.state.path, hostLock: nil).run(id: result.applyID, stores: s.host.stores)
        #expect(Set(back.restored) == Set(result.written))
        #expect((s.host.domain("a"), s.host.domain("b"), s.host.file(Self.sysctl)) == before)
    }

    @Test func aChangedObjectMakesTheSavedPlanStaleAndNothingIsWritten() throws {
        let s = try Setup()
        let plan = try s.plan()
        s.host.setFile(Self.sysctl, "kernel.kptr_restrict = 0\n")
        s.host.setDomain("b", nil)
        #expect {
            try s.applier(plan).apply(stores: s.host.stores, reader: s.host)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("saved plan is stale: ") && text.contains("domain 'b' no longer exists")
                && text.contains("file \(Self.sysctl) changed since the plan was made")
        }
        #expect(s.host.writes == 0)
    }

    /// One object that cannot be written does not stop the others; the error names each side.
    @Test func objectsAreIndependent() throws {
        let s = try Setup()
        let plan = try s.plan()
        s.host.failingWrites[DomainResource.ref("a")] = "the daemon refused it"
        let error = try #require(throws: ApplyError.self) { try s.applier(plan).apply(stores: s.host.stores, reader: s.host) }
        guard case .writeFailed(let failed, let done, let notConverged) = error else {
            Issue.record("expected a write failure, got \(error)")
            return
        }
        #expect(failed.map(\.object) == ["domain 'a'"] && failed[0].reason == "the daemon refused it")
        #expect(done == ["domain 'b'", "file \(Self.sysctl)"])
        #expect(notConverged.isEmpty)
        #expect(try s.plan().changes.compactMap(\.address.ref) == [DomainResource.ref("a")])
        #expect(try Journal.open(stateDirectory: s.state.path, id: nil).manifest.status == .failed)
    }

    @Test func rollbackRefusesAnObjectChangedSinceTheApplyUnlessForced() throws {
        let s = try Setup()
        let result = try s.applier(try s.plan()).apply(stores: s.host.stores, reader: s.host)
        s.host.setFile(Self.sysctl, "kernel.kptr_restrict = 2\nvm.swappiness = 1\n")
        #expect {
            try Rollback(stateDirectory: s.state.path, hostLock: nil).run(id: result.applyID, stores: s.host.stores)
        } throws: { error in
            "\(error)".contains("file \(Self.sysctl)") && "\(error)".contains("--force")
        }
        _ = try Rollback(stateDirectory: s.state.path, hostLock: nil, force: true).run(id: result.applyID, stores: s.host.stores)
        #expect(s.host.file(Self.sysctl) == "kernel.kptr_restrict = 1\n")
    }

    @Test func aPlanNamingAKindWithoutAStoreIsRefusedBeforeAnyWrite() throws {
        let s = try Setup()
        let plan = try s.plan()
        let domainsOnly = ObjectStores([try s.host.stores.store(for: DomainResource.kind)])
        #expect {
            try s.applier(plan).apply(stores: domainsOnly, reader: s.host)
        } throws: { error in
            "\(error)" == "this hvharden cannot write objects of kind 'file'"
        }
        #expect(s.host.writes == 0)
    }
}

/// A small domain for these tests (the Planner's own fakes live in its test target).
enum PlannerFakesA {
    static func domain(_ name: String) -> String {
        "<domain type='kvm'><name>\(name)</name><memory unit='KiB'>1048576</memory><vcpu>1</vcpu>"
            + "<os><type arch='x86_64' machine='q35'>hvm</type></os><on_crash>coredump-destroy</on_crash><devices/></domain>"
    }
}

/// The checkpoints an apply reports, in order.
final class Checkpoints: @unchecked Sendable {
    private let lock = NSLock()
    private var points: [ApplyCheckpoint] = []
    var seen: [ApplyCheckpoint] { lock.lock(); defer { lock.unlock() }; return points }
    func record(_ point: ApplyCheckpoint) { lock.lock(); points.append(point); lock.unlock() }
}
