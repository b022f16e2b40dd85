import XMLKit

/// A libvirt memory size such as `<memory unit='GiB'>4</memory>`, in bytes. Units are scaled as
/// libvirt's `virScaleInteger` does: case-insensitive, `KiB`/`k` powers of 1024, `KB` powers of
/// 1000, `b`/`bytes` for bytes, and KiB when the unit is absent.
enum MemoryAmount {
    /// The element's size in bytes; nil when the number or unit is invalid or it overflows.
    static func bytes(of element: XMLElement) -> UInt64? {
        guard let number = UInt64(element.text.trimmingWhitespace),
              let scale = scale(element.attribute("unit")) else { return nil }
        let (result, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : result
    }

    /// Bytes per unit; nil for a unit libvirt rejects.
    static func scale(_ unit: String?) -> UInt64? {
        guard let unit = unit?.trimmingWhitespace.lowercased(), !unit.isEmpty else { return 1024 }
        if ["b", "byte", "bytes"].contains(unit) { return 1 }
        let exponents: [Character: Int] = ["k": 1, "m": 2, "g": 3, "t": 4, "p": 5, "e": 6]
        guard let first = unit.first, let exponent = exponents[first] else { return nil }
        let rest = unit.dropFirst()
        let base: UInt64
        switch rest {
        case "", "ib": base = 1024
        case "b": base = 1000
        default: return nil
        }
        return (0..<exponent).reduce(1) { result, _ in result * base }
    }
}
