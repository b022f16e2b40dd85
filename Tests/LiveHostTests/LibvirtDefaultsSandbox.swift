import Compiler
import Foundation
import Host
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Uniquely named domains on the real libvirtd (`qemu:///system`), undefined when the sandbox
/// goes away, also after a failed expectation or a thrown error. Nothing is ever started.
/// Start the daemon with scripts/start-libvirtd.sh.
final class LibvirtDefaultsSandbox {
    static let uri = "qemu:///system"

    let prefix = "hvh-test-" + String(UInt32.random(in: 0x1000_0000...0xFFFF_FFFF), radix: 16)
    let connection: LibvirtConnection
    private(set) var names: [String] = []

    init() throws {
        do {
            connection = try LibvirtConnection(uri: Self.uri)
        } catch {
            throw FixtureError("the real libvirtd at \(Self.uri) is not reachable (\(error)); run scripts/start-libvirtd.sh")
        }
    }

    deinit {
        for name in names {
            guard let domain = try? connection.lookup(name: name) else { continue }
            if domain.isActive { try? domain.destroy() }
            try? domain.undefine()
        }
        connection.close()
    }

    /// Defines `xml` (built from the domain's name) with schema validation and returns the name.
    /// The name is recorded before the define, so even a half-done define is cleaned up.
    func define(_ suffix: String, _ xml: (String) -> String) throws -> String {
        let name = "\(prefix)-\(suffix)"
        names.append(name)
        _ = try connection.define(xml: xml(name), validate: true)
        return name
    }

    /// libvirt's persistent definition of `name`, as the live reader reads it.
    func persistentXML(_ name: String) throws -> String {
        try connection.lookup(name: name).persistentXML()
    }

    /// The baseline profile for this sandbox's domains only, with software virtualization (the
    /// guests are TCG, so CI machines without /dev/kvm run them too) and boot integrity not
    /// required (swtpm is not installed, so no guest could have the vTPM the PI-1 rules ask for).
    func policy() throws -> Policy {
        try DomainFixturePolicy.withScratch { dir in
            let path = dir.appendingPathComponent("libvirt-defaults.yaml")
            let text = """
                apiVersion: hvharden/v1
                kind: Profile
                metadata: {name: libvirt-defaults, description: "the baseline for libvirt's own defaults"}
                extends: [nist-800-125a-baseline]
                posture: {virtualization: software, bootIntegrity: not-required}
                domains: {include: ["\(prefix)-*"]}
                """
            try text.write(to: path, atomically: true, encoding: .utf8)
            return try Compiler.compile(profiles: [path.path], today: DomainFixturePolicy.day).policy
        }
    }

    /// Reads this sandbox's domains from the daemon (facts and files from the lab root, so the
    /// machine's own configuration plays no part) and plans them.
    func plan(_ policy: Policy) throws -> Plan {
        let reader = LiveStateReader(connectURI: Self.uri, root: DomainFixturePolicy.labRoot, key: TestKey.key)
        let state = try reader.withConnection(connection).read(policy: policy)
        return try Planner.plan(policy: policy, reader: state, today: DomainFixturePolicy.day)
    }
}
