import Compiler

/// B2-2 (and PI-1): the kernel loads only signed modules. Either `module.sig_enforce` is on, or
/// kernel lockdown is in `integrity`/`confidentiality` mode, which makes the kernel refuse
/// unsigned modules even when `sig_enforce` reads N (Debian's Secure Boot kernels work this way).
struct ModuleSignatureEvaluator: FactEvaluator {
    static let name = "module-signature-enforcement"

    static let lockdownModesEnforcingSignatures: Set<String> = ["integrity", "confidentiality"]

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let boot = context.facts.boot
        if boot.moduleSigEnforce == true { return .compliant }
        if let mode = boot.lockdown, Self.lockdownModesEnforcingSignatures.contains(mode) { return .compliant }
        let sigEnforce = boot.moduleSigEnforce == false
            ? "/sys/module/module/parameters/sig_enforce is 'N'"
            : "/sys/module/module/parameters/sig_enforce is absent (kernel built without module signing?)"
        let lockdown = boot.lockdown.map { "kernel lockdown is '\($0)'" } ?? "kernel lockdown cannot be read"
        // Only a readable "off" on both paths proves unsigned modules load; otherwise say what is unknown.
        let verdict = boot.moduleSigEnforce == false && boot.lockdown != nil
            ? "the kernel loads unsigned modules"
            : "module signature enforcement cannot be evidenced"
        return .finding("\(sigEnforce) and \(lockdown): \(verdict)")
    }
}
