import Compiler

/// PI-1: UEFI Secure Boot is enforcing, so firmware verifies the boot loader and kernel. It only
/// verifies; the measured-boot rule supplies the evidence an attestation needs.
struct SecureBootEvaluator: FactEvaluator {
    static let name = "secure-boot"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        if let hosted = HostedPlatform.notEvidencable("the firmware's Secure Boot state", context) { return hosted }
        let boot = context.facts.boot
        guard boot.uefi else {
            return .finding("/sys/firmware/efi is absent: the host booted in legacy BIOS mode, so Secure Boot cannot be on")
        }
        switch boot.secureBoot {
        case true?:
            return .compliant
        case false?:
            return .finding("the 'SecureBoot' EFI variable is 0: firmware starts the boot loader without verifying its signature")
        case nil:
            return .finding(
                "the host booted by UEFI but the 'SecureBoot' EFI variable is unreadable (efivarfs not mounted?), "
                    + "so Secure Boot cannot be evidenced")
        }
    }
}
