import Compiler

/// What fact rules say when the profile declares the host itself a virtual machine
/// (docs/controls.md): firmware, TPM and IOMMU evidence then describes virtual hardware that the
/// outer hypervisor controls, so it proves nothing and the operator must attest instead.
enum HostedPlatform {
    /// The manual rule that takes over what cannot be evidenced on a hosted platform.
    static let attestationRule = "host-outer-hypervisor-attested"

    /// `.notApplicable` with the reason when the posture is `hosted`, nil on bare metal.
    static func notEvidencable(_ subject: String, _ context: FactContext) -> Outcome? {
        guard context.posture.platform == .hosted else { return nil }
        return .notApplicable(
            "the profile declares platform 'hosted': \(subject) belongs to the outer hypervisor and "
                + "cannot be evidenced from inside this host; it is attested under '\(attestationRule)'")
    }
}
