import Compiler
import HostModel

/// Posture A (docs/controls.md): a profile that declares `platform: bare-metal` must find no
/// evidence of a hypervisor below the host: no `hypervisor` CPU flag, no `/sys/hypervisor/type`,
/// no virtual-machine DMI strings, no SMBIOS virtual-machine bit.
///
/// No evidence does not prove bare metal, so the compliant outcome means "nothing contradicts
/// the declared posture".
struct HostNotNestedEvaluator: FactEvaluator {
    static let name = "host-not-nested"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let evidence = Self.evidence(context.facts)
        if evidence.isEmpty { return .compliant }
        return .finding(
            "the profile declares platform 'bare-metal', but the host runs under a hypervisor: "
                + evidence.joined(separator: "; "))
    }

    /// The reader's evidence sentences, or sentences rebuilt from the raw fields when facts come
    /// from elsewhere (a facts file edited by hand, a test) without them.
    static func evidence(_ facts: HostFacts) -> [String] {
        let platform = facts.platform
        if !platform.evidence.isEmpty { return platform.evidence }
        var evidence: [String] = []
        if platform.hypervisorFlag || facts.cpu.hypervisor {
            evidence.append("/proc/cpuinfo has the 'hypervisor' CPU flag")
        }
        if let type = platform.sysHypervisorType { evidence.append("/sys/hypervisor/type is '\(type)'") }
        if platform.smbiosVirtualMachineBit == true {
            evidence.append("the SMBIOS BIOS characteristics mark the firmware as a virtual machine")
        }
        if evidence.isEmpty, platform.isVirtualMachine {
            let dmi = [platform.dmiVendor, platform.dmiProduct].compactMap { $0 }.map { "'\($0)'" }
            evidence.append(dmi.isEmpty ? "the facts mark the host as a virtual machine" : "DMI reports \(dmi.joined(separator: " "))")
        }
        return evidence
    }
}
