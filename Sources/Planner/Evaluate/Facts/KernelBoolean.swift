/// Reads a kernel module parameter the way the kernel prints booleans: `Y`/`y`/`1` is true,
/// `N`/`n`/`0` is false (docs/facts.md, "Booleans from the kernel"); anything else is nil.
enum KernelBoolean {
    static func parse(_ text: String?) -> Bool? {
        switch text {
        case "Y", "y", "1": return true
        case "N", "n", "0": return false
        default: return nil
        }
    }
}
