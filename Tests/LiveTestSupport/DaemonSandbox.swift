import Compiler
import Foundation
import Host
@testable import Planner
@testable import Applier
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import Digests

/// Uniquely named TCG domains on the real libvirtd (`qemu:///system`), removed when the sandbox
/// goes away, even after a failed expectation. Start the daemon with scripts/start-libvirtd.sh.
public final class DaemonSandbox {
    public static let uri = "qemu:///system"

    public let prefix = "hvh-test-" + String(UInt32.random(in: 0x1000_0000...0xFFFF_FFFF), radix: 16)
    public let box: ApplierSandbox
    public var connection: LibvirtConnection { box.connection }
    public private(set) var names: [String] = []

    public init() throws {
        do {
            box = try ApplierSandbox(uri: Self.uri)
        } catch {
            throw DaemonUnavailable(reason: "\(error)")
        }
    }

    deinit {
        for name in names {
            guard let domain = try? connection.lookup(name: name) else { continue }
            if domain.isActive { try? domain.destroy() }
            try? domain.undefine()
        }
    }

    /// Defines a deliberately insecure tiny TCG guest and returns its name.
    @discardableResult
    public func define(_ suffix: String, vnc: Bool = false, start: Bool = false) throws -> String {
        let name = "\(prefix)-\(suffix)"
        names.append(name)
        let graphics = vnc ? "<graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0' passwd='e2eS3crt'/>" : ""
        let xml = """
            <domain type='qemu'>
              <name>\(name)</name>
              <memory unit='MiB'>64</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <features><acpi/><vmport state='on'/></features>
              <on_crash>restart</on_crash>
              <devices>\(graphics)<memballoon model='virtio'/></devices>
            </domain>
            """
        let domain = try connection.define(xml: xml)
        if start { try domain.start() }
        return name
    }

    /// Defines `xml(name)` under this sandbox's prefix (removed with the sandbox) and returns
    /// the name; nil when libvirt refuses the definition, with its reason.
    public func define(_ suffix: String, xml: (String) -> String) -> Result<String, any Error> {
        let name = "\(prefix)-\(suffix)"
        names.append(name)
        return Result { _ = try connection.define(xml: xml(name)); return name }
    }

    /// A profile selecting only this sandbox's domains, with software virtualization (TCG).
    public func profile(disable: [String] = []) throws -> String {
        let path = box.directory + "/e2e.yaml"
        let text = """
            apiVersion: hvharden/v1
            kind: Profile
            metadata: {name: e2e}
            extends: [nist-800-125a-baseline]
            posture: {virtualization: software}
            domains: {include: ["\(prefix)-*"]}
            rules:
              disable: [\(disable.joined(separator: ", "))]
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

public struct DaemonUnavailable: Error, CustomStringConvertible {
    public var reason: String
    public var description: String {
        "the real libvirtd at qemu:///system is not reachable (\(reason)); run scripts/start-libvirtd.sh"
    }
}
