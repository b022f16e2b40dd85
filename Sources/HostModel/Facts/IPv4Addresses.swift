import Foundation

/// The host's IPv4 addresses by interface, from two files that a root directory can stand in for
/// (no netlink): `/proc/net/fib_trie` lists every local address (`/32 host LOCAL`) without its
/// interface, and `/proc/net/route` lists each interface's connected routes. An address belongs
/// to the interface whose connected route holds it, the longest prefix winning. An address with
/// no connected route (a /32 or `noprefixroute`) is not attributed.
enum IPv4Addresses {
    static func byInterface(fibTrie: String, routes: String) -> [String: [String]] {
        let connected = connectedRoutes(routes)
        var out: [String: Set<String>] = [:]
        for address in localAddresses(fibTrie) {
            guard let value = parse(address) else { continue }
            let holding = connected.filter { value & $0.mask == $0.destination }
            guard let longest = holding.map(\.mask.nonzeroBitCount).max() else { continue }
            for route in holding where route.mask.nonzeroBitCount == longest { out[route.interface, default: []].insert(address) }
        }
        return out.mapValues { $0.sorted { (parse($0) ?? 0) < (parse($1) ?? 0) } }
    }

    /// The addresses a `|-- A.B.C.D` line names when a `/32 host LOCAL` line follows it.
    static func localAddresses(_ text: String) -> Set<String> {
        var last: String?
        var out: Set<String> = []
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("|-- ") {
                last = String(trimmed.dropFirst(4))
            } else if trimmed.hasPrefix("/32 host LOCAL"), let last {
                out.insert(last)
            }
        }
        return out
    }

    struct Route { var interface: String; var destination: UInt32; var mask: UInt32 }

    /// Up routes without a gateway and with a non-empty mask. The kernel prints each address's
    /// network-order bytes as one host-order number, so on x86 (little-endian) the first octet
    /// is the lowest byte.
    static func connectedRoutes(_ text: String) -> [Route] {
        text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count >= 8, let destination = UInt32(f[1], radix: 16), let gateway = UInt32(f[2], radix: 16),
                  let flags = UInt32(f[3], radix: 16), let mask = UInt32(f[7], radix: 16),
                  gateway == 0, flags & 0x1 != 0, mask != 0 else { return nil }
            return Route(interface: String(f[0]), destination: UInt32(bigEndian: destination), mask: UInt32(bigEndian: mask))
        }
    }

    /// A dotted quad as a number, first octet highest.
    static func parse(_ address: String) -> UInt32? {
        let octets = address.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
        guard octets.count == 4 else { return nil }
        return octets.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
