import Compiler

/// B1-1: `/dev/kvm` exists, so libvirt can start guests with `type='kvm'`.
struct DevKVMEvaluator: FactEvaluator {
    static let name = "dev-kvm"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let kvm = context.facts.kvm
        if kvm.devKVM { return .compliant }
        let module = kvm.module.map { "'\($0)' is loaded all the same" } ?? "neither 'kvm_intel' nor 'kvm_amd' is loaded"
        return .finding("/dev/kvm does not exist and \(module): libvirt can only start TCG-emulated guests")
    }
}
