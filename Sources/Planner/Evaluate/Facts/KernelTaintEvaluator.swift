import Compiler

/// B2-2: no out-of-tree or unsigned module has been loaded since boot. The kernel records this
/// for good in `/proc/sys/kernel/tainted`: bit 12 (`O`, out-of-tree) and bit 13 (`E`, unsigned).
/// Other taint bits (a warning, a forced unload) say nothing about drivers and are ignored.
struct KernelTaintEvaluator: FactEvaluator {
    static let name = "kernel-module-taint"

    /// The taint bits this rule looks at, with the letter and meaning the kernel documents
    /// (Documentation/admin-guide/tainted-kernels.rst).
    static let moduleBits: [(bit: Int, letter: Character, meaning: String)] = [
        (12, "O", "an out-of-tree module was loaded"),
        (13, "E", "an unsigned module was loaded"),
    ]

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        guard let tainted = context.facts.boot.tainted else {
            return .finding("/proc/sys/kernel/tainted is unreadable, so module taint cannot be evidenced")
        }
        let set = Self.moduleBits.filter { tainted & (1 << $0.bit) != 0 }
        if set.isEmpty { return .compliant }
        let bits = set.map { "bit \($0.bit) ('\($0.letter)': \($0.meaning))" }.joined(separator: " and ")
        return .finding("/proc/sys/kernel/tainted is \(tainted): \(bits)")
    }
}
