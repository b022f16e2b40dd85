import XMLKit

/// A libvirt memory size: the text of `<memory>` scaled by its `unit` attribute, in bytes.
///
/// Units follow libvirt's `virScaleInteger` (formatdomain.html, "Memory Allocation"): no unit or
/// `k`/`KiB` is 1024, `b`/`bytes` is 1, a bare letter or `<letter>iB` is a power of 1024 and
/// `<letter>B` a power of 1000, for k, M, G, T, P, E; letters are case-insensitive.
enum MemorySize {
    /// The number of bytes, or nil for a missing, negative or unknown value or unit.
    static func bytes(value: String, unit: String?) -> UInt64? {
        guard let number = UInt64(value.trimmingWhitespace) else { return nil }
        guard let scale = scale(unit ?? "KiB") else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }

    static func scale(_ unit: String) -> UInt64? {
        let lower = unit.lowercased()
        if lower == "b" || lower == "bytes" { return 1 }
        guard let letter = lower.first, let power = "kmgtpe".firstIndex(of: letter) else { return nil }
        let exponent = "kmgtpe".distance(from: "kmgtpe".startIndex, to: power) + 1
        let base: UInt64
        switch lower.dropFirst() {
        case "", "ib": base = 1024
        case "b": base = 1000
        default: return nil
        }
        return (0..<exponent).reduce(1) { result, _ in result * base }
    }

    /// The `<memory>` of a domain definition in bytes; nil when absent or unreadable.
    static func domainMemory(_ document: XMLDocument) -> UInt64? {
        guard let element = try? CreatablePath.cached("/domain/memory")?.find(in: document) else { return nil }
        return bytes(value: element.text, unit: element.attribute("unit"))
    }

    /// "8.0 GiB", "512 MiB": short enough for a finding, exact enough to check by hand.
    static func describe(_ bytes: UInt64) -> String {
        let mib = Double(bytes) / 1_048_576
        if mib >= 1024 { return formatted(mib / 1024) + " GiB" }
        return formatted(mib) + " MiB"
    }

    private static func formatted(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)).0" : "\(tenths)"
    }
}
