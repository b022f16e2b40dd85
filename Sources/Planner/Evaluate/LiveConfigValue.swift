import Compiler
import HostModel

/// What the running kernel uses for a sysctl or module option a host-file rule configures: the
/// live value under `/proc/sys` (facts `sysctl`) or `/sys/module/<module>/parameters` (facts
/// `kvm.parameters` for the vendor KVM module, `iommu.allowUnsafeInterrupts` for vfio), read
/// under `--root`. Configuration reaches the kernel only at the next boot or module load, so a
/// configured value can be right while the live one is weak, and the other way round.
enum LiveConfigValue {
    /// The live value of the rule's key, when the facts hold it; nil when they do not (a remote
    /// host, a module not loaded, a key the kernel lacks).
    static func of(_ c: ConfigValueCheck, _ facts: HostFacts) -> String? {
        switch c.file {
        case .sysctl:
            return facts.sysctl[c.key.replacingOccurrences(of: "/", with: ".")]
        case .modprobe:
            guard let (module, parameter) = ModprobeName.key(c.key) else { return nil }
            if module == "vfio_iommu_type1", parameter == "allow_unsafe_interrupts" {
                return facts.iommu.allowUnsafeInterrupts.map { $0 ? "Y" : "N" }
            }
            guard facts.kvm.module == module else { return nil }
            return facts.kvm.parameters[parameter]
        default:
            return nil
        }
    }

    /// Whether `live` satisfies the values the rule allows, in the spellings the kernel reads back
    /// (`Y`/`N` for a boolean parameter configured as `1`/`0`).
    static func complies(_ live: String, allowed: [String]?, forbidden: [String], min: Int?, max: Int?) -> Bool {
        let spellings = equivalents(live)
        if let allowed, !allowed.contains(where: { spellings.contains($0) }) { return false }
        if forbidden.contains(where: { spellings.contains($0) }) { return false }
        if min != nil || max != nil {
            guard let n = Int(live) else { return false }
            if let min, n < min { return false }
            if let max, n > max { return false }
        }
        return true
    }

    /// A boolean as the kernel may show or take it; any other value as it is.
    static func equivalents(_ value: String) -> Set<String> {
        switch value {
        case "Y", "y", "1": return ["Y", "y", "1", "on"]
        case "N", "n", "0": return ["N", "n", "0", "off"]
        default: return [value]
        }
    }
}
