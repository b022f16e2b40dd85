import Compiler

/// B1-1: the loaded KVM module actually uses second-level paging: `kvm_intel` was not loaded
/// with `ept=0`, nor `kvm_amd` with `npt=0`. The CPU flag says what the hardware can do; this
/// parameter says what KVM does.
struct KVMPagingParameterEvaluator: FactEvaluator {
    static let name = "kvm-second-level-paging"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let kvm = context.facts.kvm
        guard let module = kvm.module else {
            return .finding(
                "neither 'kvm_intel' nor 'kvm_amd' is loaded (/sys/module), so whether KVM uses EPT/NPT cannot be evidenced")
        }
        let parameter = module == "kvm_amd" ? "npt" : "ept"
        let path = "/sys/module/\(module)/parameters/\(parameter)"
        guard let raw = kvm.parameters[parameter] else {
            return .finding("\(path) is unreadable, so whether KVM uses second-level paging cannot be evidenced")
        }
        switch KernelBoolean.parse(raw) {
        case true?:
            return .compliant
        case false?:
            return .finding("\(path) is '\(raw)': '\(module)' was loaded with \(parameter)=0 and uses shadow page tables")
        case nil:
            return .finding("\(path) is '\(raw)', which is neither Y nor N")
        }
    }
}
