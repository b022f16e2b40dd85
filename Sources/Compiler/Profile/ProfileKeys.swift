/// Every key a profile may hold, by the mapping it sits in: the one table `ProfileReader`
/// checks keys against, and that the test of `docs/profile.schema.json` compares the schema
/// with, so the editor schema and the loader cannot drift apart.
///
/// A section is named by its path from the top, `[]` standing for "each item of the list":
/// `""` is the top level, `"posture.passthrough"` the passthrough mapping, `"waivers[]"` one
/// waiver. Maps keyed by data rather than fixed names (`rules.values`: rule ids) are not here.
public enum ProfileKeys {
    public static let top = ["apiVersion", "kind", "metadata", "extends", "posture", "domains", "rules", "waivers", "attestations"]
    public static let metadata = ["name", "description"]
    public static let posture = ["platform", "virtualization", "bootIntegrity", "passthrough"]
    public static let passthrough = ["mode", "allowedDevices", "maxDevicesPerDomain", "allowUSB"]
    public static let domains = ["include", "exclude"]
    public static let rules = ["enable", "disable", "values"]
    public static let waiver = ["rule", "domains", "hosts", "reason", "expires"]
    public static let attestation = ["rule", "statement", "expires"]

    /// Section path → the keys it accepts.
    public static let allowed: [String: [String]] = [
        "": top, "metadata": metadata, "posture": posture, "posture.passthrough": passthrough,
        "domains": domains, "rules": rules, "waivers[]": waiver, "attestations[]": attestation,
    ]

    /// Section path → the keys it must have.
    public static let required: [String: [String]] = [
        "": ["apiVersion", "kind", "metadata"], "metadata": ["name"],
        "waivers[]": ["rule", "reason", "expires"], "attestations[]": ["rule", "statement"],
    ]
}
