import Compiler

/// B1-2: the memory of all selected domains fits in host RAM after a reserve for the host itself
/// (parameter `hostReserveMiB`), so no guest's memory is over-committed against another's.
///
/// It sums each domain's `<memory>` (the most the guest can be given at boot), whatever the
/// balloon currently holds: a balloon can be re-inflated by the guest at any time.
struct MemoryOvercommitEvaluator: FactEvaluator {
    static let name = "memory-overcommit"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        guard let reserveMiB = context.integerParameter("hostReserveMiB") else {
            return FactContext.missingParameter("hostReserveMiB", "integer")
        }
        guard let totalKiB = context.facts.memory.memTotalKiB else {
            return .finding("/proc/meminfo has no MemTotal, so memory over-commit cannot be evidenced")
        }
        var sizes: [(name: String, bytes: UInt64)] = []
        var unreadable: [String] = []
        for domain in context.domains {
            if let bytes = domain.memoryBytes {
                sizes.append((domain.name, bytes))
            } else {
                unreadable.append("'\(domain.name)'")
            }
        }
        if !unreadable.isEmpty {
            return .finding("the <memory> of \(unreadable.joined(separator: ", ")) is missing or has an unknown unit, so over-commit cannot be evidenced")
        }
        // Saturating: libvirt accepts up to 2^53 - 1 KiB per guest, so three such guests overflow
        // a byte count; any total that large exceeds every host anyway.
        let total = sizes.reduce(UInt64(0)) { sum, size in
            let (next, overflow) = sum.addingReportingOverflow(size.bytes)
            return overflow ? .max : next
        }
        let (ramBytes, ramOverflow) = totalKiB.multipliedReportingOverflow(by: 1024)
        let ram = ramOverflow ? UInt64.max : ramBytes
        let (reserveBytes, reserveOverflow) = UInt64(max(0, reserveMiB)).multipliedReportingOverflow(by: 1_048_576)
        let reserve = reserveOverflow ? UInt64.max : reserveBytes
        let budget = ram > reserve ? ram - reserve : 0
        if total <= budget { return .compliant }
        let each = sizes.sorted { $0.name < $1.name }
            .map { "'\($0.name)' \(MemorySize.describe($0.bytes))" }.joined(separator: ", ")
        return .finding(
            "the \(sizes.count) selected domains define \(MemorySize.describe(total)) of memory (\(each)), but MemTotal is "
                + "\(MemorySize.describe(ram)) and the \(reserveMiB) MiB host reserve leaves \(MemorySize.describe(budget))")
    }
}
