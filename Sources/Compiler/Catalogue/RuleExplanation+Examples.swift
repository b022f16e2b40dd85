import Foundation

extension RuleExplanation {
    /// Each example under a heading line (`Compliant example 1 of 2: domain XML`), its inputs
    /// verbatim from the catalogue at the left margin (so they can be pasted into a file), and
    /// a blank line. Facts, parsed from YAML, are shown as JSON.
    static func examples(_ rule: Rule) -> [String] {
        var lines: [String] = []
        for (kind, list) in [("Compliant", rule.examples.compliant), ("Noncompliant", rule.examples.noncompliant)] {
            if list.isEmpty { lines += ["\(kind) examples: none", ""] }
            for (index, example) in list.enumerated() {
                lines += ["\(kind) example \(index + 1) of \(list.count)" + (example.note.map { ": \($0)" } ?? "")]
                lines += body(example, of: rule)
                lines.append("")
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func body(_ example: RuleExample, of rule: Rule) -> [String] {
        var lines: [String] = []
        if let posture = example.posture { lines.append("Under posture: \(describe(posture))") }
        if let parameters = example.parameters {
            lines.append("With parameters: " + parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }.joined(separator: "; "))
        }
        if let attested = example.attested {
            lines.append(attested ? "The profile attests the step." : "The profile does not attest the step.")
        }
        if let xml = example.xml { lines += ["Domain XML:"] + verbatim(xml) }
        if let file = example.file { lines += ["Contents of \(configFile(of: rule)):"] + verbatim(file) }
        if let facts = example.facts { lines += ["Host facts (over an empty facts document):"] + verbatim(json(facts)) }
        return lines
    }

    /// The text split into lines as it is, without the final newline the YAML block adds.
    private static func verbatim(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func configFile(of rule: Rule) -> String {
        switch rule.check {
        case .configValue(let c): return c.file.writablePath
        case .configList(let c): return c.file.writablePath
        case .kernelCmdline: return ConfigFile.grub.writablePath
        default: return "the file"
        }
    }

    /// `platform bare-metal, virtualization hardware-assisted, bootIntegrity preferred, passthrough pci-vfio (...)`.
    private static func describe(_ posture: Posture) -> String {
        let p = posture.passthrough
        let devices = p.allowedDevices.isEmpty ? "no devices allowed" : "devices " + p.allowedDevices.joined(separator: ", ")
        return "platform \(posture.platform.rawValue), virtualization \(posture.virtualization.rawValue), "
            + "bootIntegrity \(posture.bootIntegrity.rawValue), passthrough \(p.mode.rawValue) "
            + "(\(devices), at most \(p.maxDevicesPerDomain) per domain, USB \(p.allowUSB ? "allowed" : "not allowed"))"
    }

    private static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: it holds only strings, numbers, booleans and nulls.
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "\(value)"
    }
}
