import Compiler
import XMLKit

/// B1-3: the vCPUs of all selected domains, per physical core, stay at or below
/// `maxVcpuPerCore`. Cores are counted with SMT siblings once, since two threads of one core
/// are not two CPUs' worth of isolated capacity.
///
/// Each domain counts with its maximum vCPUs (`<vcpu>`), not `@current`: vCPUs can be hot-plugged
/// up to the maximum without redefining the domain.
struct VCPUCoreRatioEvaluator: FactEvaluator {
    static let name = "vcpu-core-ratio"

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        guard let maxPerCore = context.integerParameter("maxVcpuPerCore") else {
            return FactContext.missingParameter("maxVcpuPerCore", "integer")
        }
        guard let cores = context.facts.cpu.physicalCores, cores > 0 else {
            return .finding("the host's CPU topology is unreadable, so physical cores and the vCPU ratio cannot be evidenced")
        }
        var counts: [(name: String, vcpus: Int)] = []
        for domain in context.domains {
            guard let vcpus = domain.vcpus else {
                return .finding("the <vcpu> of '\(domain.name)' is not a number, so the vCPU ratio cannot be evidenced")
            }
            counts.append((domain.name, vcpus))
        }
        let total = counts.reduce(0) { $0 + $1.vcpus }
        // A profile may set an absurd maxVcpuPerCore: a product past Int's range is no limit
        // (or, if negative, allows nothing) rather than a trap.
        let (allowed, overflow) = maxPerCore.multipliedReportingOverflow(by: cores)
        if overflow ? maxPerCore > 0 : total <= allowed { return .compliant }
        let each = counts.sorted { $0.name < $1.name }.map { "'\($0.name)' \($0.vcpus)" }.joined(separator: ", ")
        let threads = context.facts.cpu.logicalCPUs.map { " (\($0) logical CPUs)" } ?? ""
        let ratio = Double(total) / Double(cores)
        return .finding(
            "the \(counts.count) selected domains define \(total) vCPUs (\(each)) on \(cores) physical cores\(threads): "
                + "\(Self.format(ratio)) vCPUs per core, above the maximum of \(maxPerCore)")
    }

    /// `<vcpu>`'s text; libvirt gives a domain without the element one vCPU.
    static func vcpus(_ document: XMLDocument) -> Int? {
        guard let element = try? CreatablePath.cached("/domain/vcpu")?.find(in: document) else { return 1 }
        return Int(element.text.trimmingWhitespace)
    }

    static func format(_ value: Double) -> String {
        let hundredths = (value * 100).rounded() / 100
        return hundredths == hundredths.rounded() ? "\(Int(hundredths))" : "\(hundredths)"
    }
}
