import Foundation
import Host
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import Digests

/// Three hosts made of files, for `hvharden baseline`: copies of the lab's root
/// (examples/lab/root) changed into
/// - `intel01`: the lab as it is: bare-metal Intel with VT-x/EPT, Secure Boot, a TPM 2.0 with a
///   measured-boot log, and an X710 (`8086:1572`) bound to vfio-pci in IOMMU group 12;
/// - `amd01`: bare-metal AMD (AMD-V, NPT, kvm_amd) booted without Secure Boot, with no IOMMU
///   groups and no device for guests;
/// - `nested01`: a QEMU virtual machine (the `hypervisor` flag, QEMU DMI strings) without
///   VT-x/AMD-V, /dev/kvm, UEFI or TPM.
/// Each host's facts are written as a JSON facts file named after it.
public struct BaselineFakeHosts {
    public static let names = ["intel01", "amd01", "nested01"]
    public static let labRoot = Repo.root.appendingPathComponent("examples/lab/root")

    public let directory: URL

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-baseline-hosts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in Self.names {
            try FileManager.default.copyItem(at: Self.labRoot, to: root(name))
        }
        try makeAMD(root("amd01"))
        try makeNested(root("nested01"))
        for name in Self.names {
            try HostFactsReader(root: root(name).path).read().jsonData().write(to: factsFile(name))
        }
        // A node file with no domains: the fleet test judges host facts, not the lab's guests.
        try Data("<node/>\n".utf8).write(to: emptyNode)
    }

    public func root(_ name: String) -> URL { directory.appendingPathComponent("roots/\(name)") }
    public func factsFile(_ name: String) -> URL { directory.appendingPathComponent("\(name).json") }
    public var factsFiles: [String] { Self.names.map { factsFile($0).path } }
    public var emptyNode: URL { directory.appendingPathComponent("empty-node.xml") }
    public var emptyNodeURI: String { "test://\(emptyNode.path)" }

    public func remove() { try? FileManager.default.removeItem(at: directory) }

    private func makeAMD(_ root: URL) throws {
        try rewriteCPUInfo(root) { line in
            if line.hasPrefix("vendor_id") { return "vendor_id\t: AuthenticAMD" }
            if line.hasPrefix("model name") { return "model name\t: AMD EPYC 7313P 16-Core Processor" }
            if line.hasPrefix("vmx flags") { return nil }
            if line.hasPrefix("flags") {
                return line.replacingOccurrences(of: " vmx ", with: " svm ").replacingOccurrences(of: " ept ", with: " npt ")
                    .replacingOccurrences(of: " ept_ad", with: "")
            }
            return line
        }
        try remove("sys/module/kvm_intel", in: root)
        try write("1", "sys/module/kvm_amd/parameters/npt", in: root)
        try write("0", "sys/module/kvm_amd/parameters/nested", in: root)
        // efivarfs: 4 attribute bytes, then the value byte 0: Secure Boot is off.
        try Data([6, 0, 0, 0, 0]).write(to: root.appendingPathComponent("sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c"))
        try remove("sys/bus/pci", in: root)
        try remove("sys/kernel/iommu_groups", in: root)
    }

    private func makeNested(_ root: URL) throws {
        try rewriteCPUInfo(root) { line in
            if line.hasPrefix("vmx flags") { return nil }
            if line.hasPrefix("model name") { return "model name\t: QEMU Virtual CPU version 2.5+" }
            if line.hasPrefix("flags") {
                return line.replacingOccurrences(of: " vmx ", with: " hypervisor ").replacingOccurrences(of: " ept ", with: " ")
            }
            return line
        }
        for path in ["dev/kvm", "sys/module/kvm_intel", "sys/firmware/efi", "sys/class/tpm", "sys/kernel/security/tpm0",
                     "sys/bus/pci", "sys/kernel/iommu_groups"] {
            try remove(path, in: root)
        }
        try write("QEMU", "sys/class/dmi/id/sys_vendor", in: root)
        try write("Standard PC (Q35 + ICH9, 2009)", "sys/class/dmi/id/product_name", in: root)
    }

    private func rewriteCPUInfo(_ root: URL, _ change: (String) -> String?) throws {
        let url = root.appendingPathComponent("proc/cpuinfo")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try Data(lines.compactMap { change(String($0)) }.joined(separator: "\n").utf8).write(to: url)
    }

    private func remove(_ path: String, in root: URL) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    private func write(_ text: String, _ path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((text + "\n").utf8).write(to: url)
    }
}
