/// The effective profile after layering, still with locations: every field holds what the last
/// layer that set it said. Posture fields override one by one (a child setting `platform`
/// keeps its parent's `bootIntegrity`, and passthrough fields override individually);
/// `domains.include` and `domains.exclude` each replace; rule selections accumulate with the
/// last mention winning; values merge per rule and parameter; waivers and attestations add up.
struct ProfileLayers {
    var posture = Posture()
    /// The location of each posture field that some layer set explicitly.
    var postureLocations: [PostureField: SourceLocation] = [:]
    var domains = DomainSelector()
    /// Rule id → the last `enable` (true) or `disable` (false) entry naming it.
    var selections: [String: Located<Bool>] = [:]
    var values: [String: [String: Located<Value>]] = [:]
    var waivers: [Waiver] = []
    var attestations: [Attestation] = []
    /// Display paths, most general first.
    var sources: [String] = []
    /// Every layer's bytes, in order, for the digest.
    var bytes: [UInt8] = []
    /// Where the most specific layer writes `apiVersion`: the `selectedBy` of rules that
    /// nothing in particular selected.
    var defaultLocation: SourceLocation?
    /// Problems that show only once layers meet (warnings).
    var diagnostics: [Diagnostic] = []

    /// The posture fields, for `postureLocations`.
    enum PostureField: Hashable, Sendable {
        case platform, virtualization, bootIntegrity, passthroughMode, allowedDevices, maxDevicesPerDomain, allowUSB
    }

    init(_ layers: [ProfileDocument], catalogue: RuleCatalogue) {
        for layer in layers { apply(layer, catalogue: catalogue) }
    }

    private mutating func apply(_ layer: ProfileDocument, catalogue: RuleCatalogue) {
        sources.append(layer.source.displayPath)
        bytes += layer.bytes
        defaultLocation = layer.apiVersionLocation

        let p = layer.posture
        Self.set(&posture.platform, p.platform, .platform, in: &postureLocations)
        Self.set(&posture.virtualization, p.virtualization, .virtualization, in: &postureLocations)
        Self.set(&posture.bootIntegrity, p.bootIntegrity, .bootIntegrity, in: &postureLocations)
        Self.set(&posture.passthrough.mode, p.passthroughMode, .passthroughMode, in: &postureLocations)
        Self.set(&posture.passthrough.allowedDevices, p.allowedDevices, .allowedDevices, in: &postureLocations)
        Self.set(&posture.passthrough.maxDevicesPerDomain, p.maxDevicesPerDomain, .maxDevicesPerDomain, in: &postureLocations)
        Self.set(&posture.passthrough.allowUSB, p.allowUSB, .allowUSB, in: &postureLocations)

        if let include = layer.include { domains.include = include.value }
        if let exclude = layer.exclude { domains.exclude = exclude.value }

        for selection in layer.selections {
            let id = selection.value.rule
            let earlier = selections[id]?.value
            if selection.value.enabled, earlier != false, catalogue.rule(id)?.optIn == false {
                diagnostics.append(Diagnostic(.warning, "rule '\(id)' is not opt-in: it is selected whenever its posture "
                    + "applies, so enabling it changes nothing", at: selection.location, rule: id))
            }
            selections[id] = Located(selection.value.enabled, at: selection.location)
        }
        for (rule, parameters) in layer.values {
            values[rule, default: [:]].merge(parameters) { _, later in later }
        }
        waivers += layer.waivers
        attestations += layer.attestations
    }

    private static func set<T>(_ field: inout T, _ value: Located<T>?, _ name: PostureField, in locations: inout [PostureField: SourceLocation]) {
        guard let value else { return }
        field = value.value
        locations[name] = value.location
    }
}
