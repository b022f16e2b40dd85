import Compiler
import HostModel

/// The strongest posture that every host of a baseline satisfies, with a one-line reason per
/// field (written as comments above the field in the generated profile).
///
/// - platform `bare-metal` unless some host shows evidence of a hypervisor below it (the same
///   evidence rule `host-not-nested` checks), else `hosted`;
/// - virtualization `hardware-assisted` when every host has VT-x or AMD-V, EPT or NPT, and
///   /dev/kvm, else `software`;
/// - bootIntegrity `required` when every host is bare metal and has Secure Boot on, a TPM 2.0 and a
///   measured-boot event log, else `preferred` (never `not-required`: gaps stay visible, waived);
/// - passthrough from `BaselinePassthrough`.
public struct BaselinePosture: Sendable {
    public var posture: Posture
    public var reasons: Reasons
    /// What the derivation could not judge (devices it cannot identify, hostdevs no mode allows).
    public var notes: [String]

    /// Why each posture field has its value, one sentence each.
    public struct Reasons: Sendable, Hashable {
        public var platform: String
        public var virtualization: String
        public var bootIntegrity: String
        public var passthrough: String
    }

    init(hosts: [BaselineInputHost]) {
        let vms = hosts.filter { !HostNotNestedEvaluator.evidence($0.host.facts).isEmpty }
        let platform: Posture.Platform = vms.isEmpty ? .bareMetal : .hosted
        let platformReason = vms.isEmpty
            ? "no host shows evidence of a hypervisor below it"
            : Self.list(vms.map { "'\($0.host.name)' runs under a hypervisor (\(HostNotNestedEvaluator.evidence($0.host.facts)[0]))" })

        let noHardware = hosts.compactMap { host in Self.missingHardware(host.host.facts).map { "'\(host.host.name)' lacks \($0)" } }
        let virtualization: Posture.Virtualization = noHardware.isEmpty ? .hardwareAssisted : .software
        let virtualizationReason = noHardware.isEmpty
            ? "every host has VT-x or AMD-V, EPT or NPT, and /dev/kvm" : Self.list(noHardware)

        var bootGaps = vms.map { "'\($0.host.name)' is a virtual machine, so its firmware and TPM prove nothing" }
        bootGaps += hosts.compactMap { host in
            Self.missingBootEvidence(host.host.facts).map { "'\(host.host.name)' has no \($0)" }
        }
        let boot: Posture.BootIntegrity = bootGaps.isEmpty ? .required : .preferred
        let bootReason = bootGaps.isEmpty
            ? "every host boots with Secure Boot, a TPM 2.0 and a measured-boot log" : Self.list(bootGaps)

        let passthrough = BaselinePassthrough(hosts: hosts)
        posture = Posture(platform: platform, virtualization: virtualization, bootIntegrity: boot, passthrough: passthrough.policy)
        reasons = Reasons(platform: platformReason, virtualization: virtualizationReason, bootIntegrity: bootReason,
                          passthrough: passthrough.reason)
        notes = passthrough.notes
    }

    /// What keeps a host from hardware-assisted isolation, or nil when nothing does.
    static func missingHardware(_ facts: HostFacts) -> String? {
        var missing: [String] = []
        if !(facts.cpu.vmx || facts.cpu.svm) { missing.append("VT-x/AMD-V") }
        if !(facts.cpu.ept || facts.cpu.npt) { missing.append("EPT/NPT") }
        if !facts.kvm.devKVM { missing.append("/dev/kvm") }
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }

    /// The boot-integrity evidence a host lacks, or nil when it has all of it.
    static func missingBootEvidence(_ facts: HostFacts) -> String? {
        var missing: [String] = []
        if facts.boot.secureBoot != true { missing.append("Secure Boot") }
        if !facts.tpm.present || facts.tpm.versionMajor != 2 { missing.append("TPM 2.0") }
        if !facts.tpm.measuredBootLog { missing.append("measured-boot log") }
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }

    /// "a; b; c": several reasons in one comment line.
    static func list(_ parts: [String]) -> String { parts.joined(separator: "; ") }
}
