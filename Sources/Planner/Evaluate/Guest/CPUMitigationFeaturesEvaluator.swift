import Compiler

/// B1-T: the domain requires the CPU features through which the guest kernel mitigates
/// speculative-execution attacks, so it can neither start without them nor silently lose them on
/// a host or CPU model that lacks them. Which features depends on the host's CPU vendor (QEMU's
/// x86 CPU model guide names them): `intelFeatures` on Intel, `amdFeatures` on AMD.
///
/// A feature counts with `policy='require'` or `policy='force'`. Not applicable when the host's
/// vendor is unknown. Never fixed: a feature the host lacks would stop the guest from starting.
struct CPUMitigationFeaturesEvaluator: DomainEvaluator {
    static let name = "cpu-mitigation-features"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let parameter: String
        switch context.facts.cpu.vendor {
        case "GenuineIntel": parameter = "intelFeatures"
        case "AuthenticAMD": parameter = "amdFeatures"
        default: return .notApplicable("the host's CPU vendor is unknown")
        }
        let wanted = context.value(parameter, of: rule)?.listText ?? []
        let required = Set(try context.document.strings(
            "/domain/cpu/feature[@policy='require' or @policy='force']/@name"))
        let missing = wanted.filter { !required.contains($0) }
        if missing.isEmpty { return .compliant }
        return .finding("/domain/cpu does not require " + missing.map { "'\($0)'" }.joined(separator: ", "))
    }
}
