import Compiler

/// PI-1: a TPM 2.0 is visible to the kernel, the standards-based root of trust for storage and
/// reporting that a measured launch and remote attestation build on.
struct TPMEvaluator: FactEvaluator {
    static let name = "tpm2-present"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        if let hosted = HostedPlatform.notEvidencable("the TPM", context) { return hosted }
        let tpm = context.facts.tpm
        guard tpm.present else {
            return .finding("/sys/class/tpm/tpm0 is absent: no TPM is visible to the kernel (absent, disabled in firmware, or no driver)")
        }
        switch tpm.versionMajor {
        case 2?:
            return .compliant
        case let version?:
            return .finding("/sys/class/tpm/tpm0/tpm_version_major is '\(version)': a TPM \(version).x cannot serve SHA-256 measured boot and attestation")
        case nil:
            return .finding("tpm0 exists but tpm_version_major is unreadable (kernel before 5.6?), so TPM 2.0 cannot be evidenced")
        }
    }
}
