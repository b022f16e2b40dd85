/// The host's IPv6 addresses by interface from `/proc/net/if_inet6`: one line per address, its
/// 32 hexadecimal digits, interface index, prefix length, scope, flags and interface name.
enum IPv6Addresses {
    static func byInterface(_ text: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count >= 6, f[0].count == 32, let address = compressed(String(f[0])) else { continue }
            out[String(f[5]), default: []].append(address)
        }
        return out.mapValues { Array(Set($0)).sorted() }
    }

    /// RFC 5952 text: groups without leading zeros, the longest run of two or more zero groups
    /// (the first of equal runs) written `::`.
    static func compressed(_ hex: String) -> String? {
        let digits = Array(hex.lowercased())
        var groups: [String] = []
        for start in stride(from: 0, to: 32, by: 4) {
            guard let value = UInt16(String(digits[start..<start + 4]), radix: 16) else { return nil }
            groups.append(String(value, radix: 16))
        }
        var best = (start: -1, length: 1)
        var index = 0
        while index < 8 {
            var end = index
            while end < 8, groups[end] == "0" { end += 1 }
            if end - index > best.length { best = (index, end - index) }
            index = max(end, index + 1)
        }
        guard best.start >= 0 else { return groups.joined(separator: ":") }
        let head = groups[..<best.start].joined(separator: ":")
        let tail = groups[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }
}
