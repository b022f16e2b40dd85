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

/// Which libvirt URIs name another machine. Only a URI with a host does: the remote driver over
/// the local socket (`qemu+unix:///system?socket=...`) reaches this machine's daemon, so its
/// host files and facts are this machine's and are planned; `qemu+ssh://otherhost/system` is
/// another machine, whose host rules are skipped with a note unless --root is given.
@Suite struct RemoteURITests {
    static let localSocket = "qemu+unix:///system?socket=/run/libvirt/libvirt-sock"

    @Test(arguments: [
        ("qemu:///system", nil), ("qemu:///session", nil), (localSocket, nil), ("qemu+unix:///system", nil),
        ("test:///default", nil), ("test:///work/examples/lab/node.xml", nil),
        ("qemu+ssh://localhost/system", nil), ("qemu+tcp://127.0.0.1/system", nil),
        ("qemu+ssh://otherhost/system", "otherhost"), ("qemu+ssh://root@hv02.example.com:2222/system?keyfile=/k", "hv02.example.com"),
        ("qemu+tls://10.0.0.5/system", "10.0.0.5"),
    ] as [(String, String?)])
    func remoteHost(uri: String, host: String?) {
        #expect(HostScope.remoteHost(uri) == host)
    }

    /// Over a network each fetch waits a round trip, so `plan` keeps twice libvirtd's default
    /// `max_client_requests` (5) in flight, on two connections; on this host four, on one.
    @Test(arguments: [
        ("qemu:///system", 4), (localSocket, 4), ("test:///default", 4),
        ("qemu+ssh://otherhost/system", 10), ("qemu+tls://10.0.0.5/system", 10), ("qemu+tcp://127.0.0.1/system", 10),
    ] as [(String, Int)])
    func fetchWorkersDependOnTheTransport(uri: String, workers: Int) {
        #expect(LiveStateReader.defaultFetchWorkers(uri) == workers)
    }

    /// URLComponents keeps the brackets of an IPv6 host; `remoteHost` strips them, so `[::1]` is
    /// the local daemon and host rules are not skipped for it.
    @Test func theIPv6LoopbackIsLocal() {
        #expect(HostScope.remoteHost("qemu+ssh://[::1]/system") == nil)
        #expect(HostScope.remoteHost("qemu+ssh://[fe80::2]/system") != nil)
    }

    @Test func theNoteIsOnlyForARemoteHostWithTheLocalRoot() throws {
        let note = try #require(LiveStateReader(connectURI: "qemu+ssh://otherhost/system", root: "/", key: TestKey.key).hostScopeNote)
        #expect(note.contains("'otherhost'") && note.contains("--root"))
        #expect(LiveStateReader(connectURI: "qemu+ssh://otherhost/system", root: "/srv/otherhost-root", key: TestKey.key).hostScopeNote == nil)
        #expect(LiveStateReader(connectURI: Self.localSocket, root: "/", key: TestKey.key).hostScopeNote == nil)
    }

    /// Against the real daemon through the remote driver on the local socket, with the local
    /// root: host files and facts are read and planned. The same state with the note a remote
    /// host gets plans no host rule and carries the note. No domain is selected, so nothing of
    /// the machine's own guests is read.
    @Test(.tags(.daemon), .enabled(if: DaemonTests.wanted, DaemonTests.skipped)) func theLocalSocketPlansFullyAndARemoteHostDoesNot() throws {
        var policy = try Compiler.compile(profiles: [RenderLab.profile], today: RenderLab.day).policy
        policy.domains = DomainSelector(include: ["hvh-test-none-\(UUID().uuidString)"])
        let state = try ObservedState(reading: LiveStateReader(connectURI: Self.localSocket, root: "/", key: TestKey.key), policy: policy)
        #expect(state.hostScopeNote == nil)
        #expect(state.facts == HostFactsReader(root: "/").read())
        #expect(!state.files.isEmpty, "the host's configuration files were read")
        let plan = try Planner.plan(policy: policy, reader: state, today: RenderLab.day)
        #expect(plan.notes.isEmpty)
        #expect(!plan.basis.facts.isEmpty && !plan.basis.files.isEmpty)
        let hostRules = Set(policy.rules.filter { $0.rule.target == .hostFile || $0.rule.target == .hostFact }.map(\.rule.id))
        let planned = Set(plan.changes.map(\.rule) + plan.findings.map(\.rule) + plan.waived.map(\.rule))
        // A host that passes every host-file and fact rule of the baseline would make this vacuous;
        // Debian's default qemu.conf alone fails several.
        #expect(!hostRules.isDisjoint(with: planned), "no host-file or fact rule has an outcome: were they evaluated?")

        var remote = state
        remote.hostScopeNote = LiveStateReader(connectURI: "qemu+ssh://otherhost/system", root: "/", key: TestKey.key).hostScopeNote
        let skipped = try Planner.plan(policy: policy, reader: remote, today: RenderLab.day)
        #expect(skipped.notes == [remote.hostScopeNote!])
        #expect(skipped.basis.facts.isEmpty)
        let skippedRules = Set(skipped.changes.map(\.rule) + skipped.findings.map(\.rule))
        #expect(skippedRules.isDisjoint(with: hostRules))
    }
}
