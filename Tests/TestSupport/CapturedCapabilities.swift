import Foundation
import Planner
import XMLKit

/// Domain capabilities documents captured from real hosts (`Tests/Fixtures/domcaps/`), served
/// as a reader serves them: for tests of the capability check without libvirtd.
public enum CapturedCapabilities {
    /// This project's CI machine: an AMD EPYC guest with nested KVM, QEMU 7.2, libvirt 9.0,
    /// without swtpm or OVMF. x86_64 only; `kvm` and `qemu`, machines `pc` and `q35`.
    public static let amdNested: CapabilitySource = { key in source(host: "amd-nested", key) }

    /// The same host's documents without KVM (as on a host without VT-x/AMD-V or /dev/kvm):
    /// libvirt refuses every `kvm` key.
    public static let withoutKVM: CapabilitySource = { key in
        key.virtType == "kvm" ? .unsupported("KVM is not supported by '/usr/bin/qemu-system-x86_64' on this host") : amdNested(key)
    }

    /// `amdNested` with `edit` applied to every document (a host with another feature set).
    public static func amdNested(editing edit: @escaping @Sendable (inout DomainCapabilities) -> Void) -> CapabilitySource {
        { key in
            guard case .available(var caps) = amdNested(key) else { return amdNested(key) }
            edit(&caps)
            return .available(caps)
        }
    }

    public static func document(_ name: String) throws -> DomainCapabilities {
        let url = Repo.root.appendingPathComponent("Tests/Fixtures/domcaps/\(name).xml")
        return try DomainCapabilities(document: XMLDocument(string: String(contentsOf: url, encoding: .utf8)))
    }

    private static func source(host: String, _ key: CapabilityKey) -> CapabilityLookup {
        guard key.arch == nil || key.arch == "x86_64" else {
            return .unsupported("unable to find any emulator to serve '\(key.arch!)' architecture")
        }
        guard ["kvm", "qemu"].contains(key.virtType) else { return .unsupported("unknown virttype: \(key.virtType)") }
        let machine = key.machine.map { $0.contains("q35") ? "q35" : "pc" } ?? "pc"
        do {
            return .available(try document("\(host)-\(key.virtType)-\(machine)"))
        } catch {
            return .unknown("the captured document cannot be read: \(error)")
        }
    }
}
