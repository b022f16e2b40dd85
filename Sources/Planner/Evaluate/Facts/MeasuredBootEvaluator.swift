import Compiler

/// PI-1: firmware measured the boot into the TPM and left the event log, the evidence from
/// which an attestation server proves an unbroken chain of trust.
struct MeasuredBootEvaluator: FactEvaluator {
    static let name = "measured-boot-log"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        if let hosted = HostedPlatform.notEvidencable("the measured-boot event log", context) { return hosted }
        let facts = context.facts
        if facts.tpm.measuredBootLog { return .compliant }
        var message = "/sys/kernel/security/tpm0/binary_bios_measurements is absent: firmware left no measured-boot event log"
        if !facts.tpm.present {
            message += ", and no TPM is visible to the kernel"
        } else if !facts.boot.uefi {
            message += " (the host booted in legacy BIOS mode)"
        }
        return .finding(message)
    }
}
