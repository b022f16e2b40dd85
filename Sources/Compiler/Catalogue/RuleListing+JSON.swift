import Foundation

extension RuleListing {
    /// The listing as JSON for programs: an array of objects in rule-id order, keys sorted and
    /// indented, ending in a newline. Every object has every key (`null` where a value is
    /// absent), so the shape never depends on the rule:
    ///
    /// | key | type | meaning |
    /// | --- | --- | --- |
    /// | `id` | string | the rule id |
    /// | `title` | string | one line |
    /// | `severity` | string | `low`, `medium`, `high` or `critical` |
    /// | `target` | string | `domain`, `host-file`, `host-fact` or `manual` |
    /// | `check` | string | the check primitive, e.g. `xml-value` |
    /// | `fixable` | bool | whether the rule has an automatic fix |
    /// | `effect` | string | `immediate`, `next-domain-boot`, `daemon-restart`, `host-reboot` or `none` |
    /// | `optIn` | bool | selected only when a profile enables it |
    /// | `appliesWhen` | object | `platform`, `virtualization`, `bootIntegrity`, `passthrough`: each a list of posture values, or `null` for any |
    /// | `references` | object | `function`, `topic` (strings), `hySR` (string or `null`), `ipd`, `sp80053`, `srg` (lists of strings) |
    /// | `selected` | bool | whether the policy selects the rule (false only with `--all`) |
    /// | `enforcement` | string or null | `enforce` or `advisory`; `null` when not selected |
    /// | `parameters` | object | name to value (string, integer, boolean or list of strings): resolved when selected, defaults otherwise |
    public static func json(_ listing: RuleListing) throws -> Data {
        let encoder = JSONEncoder()
        // Slashes unescaped: SRG ids and XPaths read as they are written.
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(listing.entries)
        data.append(0x0A)
        return data
    }
}

extension RuleListing.Entry: Encodable {
    private enum Key: String, CodingKey {
        case id, title, severity, target, check, fixable, effect, optIn, appliesWhen, references
        case selected, enforcement, parameters
    }

    private enum ReferenceKey: String, CodingKey { case function, topic, hySR, ipd, sp80053, srg }

    private enum ConditionKey: String, CodingKey { case platform, virtualization, bootIntegrity, passthrough }

    /// Written by hand rather than synthesized: synthesized encoding drops nil optionals, and
    /// the documented shape has every key on every object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(severity, forKey: .severity)
        try c.encode(target, forKey: .target)
        try c.encode(check, forKey: .check)
        try c.encode(fixable, forKey: .fixable)
        try c.encode(effect, forKey: .effect)
        try c.encode(optIn, forKey: .optIn)
        try c.encode(selected, forKey: .selected)
        try c.encode(enforcement, forKey: .enforcement)
        try c.encode(parameters, forKey: .parameters)

        var r = c.nestedContainer(keyedBy: ReferenceKey.self, forKey: .references)
        try r.encode(references.function, forKey: .function)
        try r.encode(references.topic, forKey: .topic)
        try r.encode(references.hySR, forKey: .hySR)
        try r.encode(references.ipd, forKey: .ipd)
        try r.encode(references.sp80053, forKey: .sp80053)
        try r.encode(references.srg, forKey: .srg)

        var a = c.nestedContainer(keyedBy: ConditionKey.self, forKey: .appliesWhen)
        try a.encode(appliesWhen.platform, forKey: .platform)
        try a.encode(appliesWhen.virtualization, forKey: .virtualization)
        try a.encode(appliesWhen.bootIntegrity, forKey: .bootIntegrity)
        try a.encode(appliesWhen.passthrough, forKey: .passthrough)
    }
}
