/// One kernel command line token (`name` or `name=value`) compared the way the kernel reads it:
/// in a module parameter's name (`kvm-intel.vmentry_l1d_flush`) `-` and `_` are alike, as the
/// kernel's `parameq` and kmod treat them; the IOMMU options take a comma-separated list, each
/// item on its own (`intel_iommu=on,igfx_off` turns the IOMMU on), so a wanted item matches a
/// token whose list holds it. Other values are compared whole (`mitigations=auto,nosmt` is one
/// value of its own, not `auto` plus `nosmt`).
struct KernelToken: Hashable {
    /// The parameters whose value is a list of options, each parsed on its own.
    static let listParameters: Set<String> = ["intel_iommu", "amd_iommu", "iommu", "intremap"]

    let text: String
    let name: String
    let value: String?

    init(_ text: String) {
        self.text = text
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let raw = String(parts[0])
        name = raw.contains(".") ? raw.replacingOccurrences(of: "-", with: "_") : raw
        value = parts.count > 1 ? String(parts[1]) : nil
    }

    /// The items of a list parameter's value; the whole value otherwise.
    var items: [String] {
        guard let value else { return [] }
        return Self.listParameters.contains(name) ? value.split(separator: ",").map(String.init) : [value]
    }

    /// Whether this token (on the command line) gives what `wanted` (from a rule) names.
    func satisfies(_ wanted: KernelToken) -> Bool {
        guard name == wanted.name else { return false }
        guard let wantedValue = wanted.value else { return value == nil }
        guard value != nil else { return false }
        if Self.listParameters.contains(name) { return Set(wanted.items).isSubset(of: Set(items)) }
        return value == wantedValue
    }
}

extension Array where Element == KernelToken {
    /// Whether any token gives what `wanted` names.
    func gives(_ wanted: String) -> Bool { contains { $0.satisfies(KernelToken(wanted)) } }

    /// The tokens that give what `wanted` names, as written.
    func giving(_ wanted: String) -> [String] { filter { $0.satisfies(KernelToken(wanted)) }.map(\.text) }
}
