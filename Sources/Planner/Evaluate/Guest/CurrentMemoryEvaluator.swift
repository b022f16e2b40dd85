import Compiler
import XMLKit

/// B1-2: the memory a guest boots with (`<currentMemory>`) equals its maximum (`<memory>`), so
/// the guarantee is the whole allocation and nothing is left for a balloon to take back or give
/// out later. Sizes are compared in bytes, whatever their units; an absent `<currentMemory>`
/// means libvirt's default, which is `<memory>`.
///
/// Never fixed: raising a guest to its maximum at the next boot may exhaust host memory, and
/// lowering the maximum shrinks the guest, so both are the operator's call.
struct CurrentMemoryEvaluator: DomainEvaluator {
    static let name = "current-memory-equals-memory"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        guard let current = try context.document.select("/domain/currentMemory").first else { return .compliant }
        guard let memory = try context.document.select("/domain/memory").first else {
            return .notApplicable("the domain has no <memory> element")
        }
        guard let maximum = MemoryAmount.bytes(of: memory), let booted = MemoryAmount.bytes(of: current) else {
            return .finding("cannot read the sizes \(Self.describe(memory)) and \(Self.describe(current))")
        }
        if booted == maximum { return .compliant }
        return .finding("currentMemory is \(Self.describe(current)) but memory is \(Self.describe(memory))")
    }

    /// `'1048576 KiB'`.
    static func describe(_ element: XMLElement) -> String {
        "'\(element.text.trimmingWhitespace) \(element.attribute("unit") ?? "KiB")'"
    }
}
