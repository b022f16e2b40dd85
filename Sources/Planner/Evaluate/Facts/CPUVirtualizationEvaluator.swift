import Compiler

/// B1-1: the CPU offers hardware virtualization (Intel VT-x `vmx` or AMD-V `svm`), so guests run
/// in hardware-isolated mode rather than under QEMU's TCG emulator.
///
/// `/dev/kvm` alone proves nothing: on a nested host it can exist while the flags are hidden.
struct CPUVirtualizationEvaluator: FactEvaluator {
    static let name = "cpu-virtualization-extensions"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let cpu = context.facts.cpu
        if cpu.vmx || cpu.svm { return .compliant }
        guard cpu.vendor != nil else {
            return .finding("/proc/cpuinfo is unreadable, so 'vmx' or 'svm' cannot be evidenced")
        }
        var message = "/proc/cpuinfo has no 'vmx' or 'svm' flag"
        if let model = cpu.modelName { message += " on '\(model)'" }
        message += context.facts.kvm.devKVM
            ? "; /dev/kvm exists all the same, which on a nested host does not prove hardware isolation"
            : "; /dev/kvm is absent, so guests can only run under QEMU's TCG emulator"
        return .finding(message)
    }
}
