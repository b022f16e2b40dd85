import Digests
import Compiler
import Foundation
import HostModel

/// Flattens host facts into `dotted.key → value` pairs for the plan's basis; lists of objects
/// (PCI devices, IOMMU groups) are summarised by a hash so the basis stays readable.
public enum FactFingerprint {
    /// Facts that change while a host runs; a saved plan must not go stale because of them. A
    /// name covers the keys below it too: the loaded AppArmor profiles come and go with the
    /// guests, and addresses with DHCP and SLAAC.
    static let volatile: Set<String> = [
        "memory.hugePagesFree", "ksm.pagesShared", "boot.tainted", "mac.apparmorProfiles", "network.ipv4", "network.ipv6",
    ]

    static func isVolatile(_ key: String) -> Bool {
        volatile.contains(key) || volatile.contains { key.hasPrefix($0 + ".") }
    }

    public static func flatten(_ facts: HostFacts) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(facts),
              let value = try? JSONDecoder().decode(JSONValue.self, from: data) else { return [:] }
        var out: [String: String] = [:]
        walk(value, prefix: "", into: &out)
        return out.filter { !isVolatile($0.key) }
    }

    private static func walk(_ value: JSONValue, prefix: String, into out: inout [String: String]) {
        switch value {
        case .object(let dict):
            for (k, v) in dict { walk(v, prefix: prefix.isEmpty ? k : "\(prefix).\(k)", into: &out) }
        case .array(let list):
            let scalars = list.compactMap { item -> String? in
                switch item {
                case .string(let s): return s
                case .number(let n): return n == n.rounded() ? String(Int(n)) : String(n)
                case .bool(let b): return String(b)
                default: return nil
                }
            }
            if scalars.count == list.count {
                out[prefix] = scalars.joined(separator: ",")
            } else {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let data = (try? encoder.encode(value)) ?? Data()
                out[prefix] = "sha256:" + SHA256.hex([UInt8](data))
            }
        case .null: break
        case .bool(let b): out[prefix] = String(b)
        case .number(let n): out[prefix] = n == n.rounded() ? String(Int(n)) : String(n)
        case .string(let s): out[prefix] = s
        }
    }
}
