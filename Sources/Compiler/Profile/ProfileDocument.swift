/// One profile file as read and validated: every field is optional (a layer sets only what it
/// names) and carries the location it was written at. Layering merges documents field by
/// field into a `ProfileLayers` value; nothing here has been merged or compiled yet.
struct ProfileDocument: Sendable {
    var source: ProfileSource
    /// The file's bytes, for the policy digest.
    var bytes: [UInt8]
    /// Where `apiVersion` is written: the fallback `selectedBy` for rules selected by default.
    var apiVersionLocation: SourceLocation
    var name: String?
    var description: String?
    /// Parents as written, in order.
    var extends: [Located<String>] = []
    var posture = PostureOverrides()
    var include: Located<[String]>?
    var exclude: Located<[String]>?
    /// `rules.enable` and `rules.disable` in file order: `true` selects, `false` unselects.
    var selections: [Located<Selection>] = []
    /// `rules.values`: rule id → parameter name → value, already type-checked against the rule.
    var values: [String: [String: Located<Value>]] = [:]
    var waivers: [Waiver] = []
    var attestations: [Attestation] = []

    init(source: ProfileSource, bytes: [UInt8], apiVersionLocation: SourceLocation) {
        self.source = source
        self.bytes = bytes
        self.apiVersionLocation = apiVersionLocation
    }

    /// A rule named under `rules.enable` (`enabled == true`) or `rules.disable`.
    struct Selection: Hashable, Sendable {
        var rule: String
        var enabled: Bool
    }
}

/// The posture fields one profile sets; nil fields are inherited from earlier layers.
struct PostureOverrides: Sendable {
    var platform: Located<Posture.Platform>?
    var virtualization: Located<Posture.Virtualization>?
    var bootIntegrity: Located<Posture.BootIntegrity>?
    var passthroughMode: Located<PassthroughPolicy.Mode>?
    var allowedDevices: Located<[String]>?
    var maxDevicesPerDomain: Located<Int>?
    var allowUSB: Located<Bool>?
}
