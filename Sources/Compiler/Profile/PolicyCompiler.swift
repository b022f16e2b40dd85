import Digests
/// Turns the layered profile into a `Policy`: selects the catalogue's rules for the posture,
/// applies tailoring, resolves parameters and enforcement, and records where each selection
/// came from. Problems that only the combination reveals become warnings.
struct PolicyCompiler {
    let catalogue: RuleCatalogue
    private(set) var warnings: [Diagnostic] = []

    init(catalogue: RuleCatalogue) { self.catalogue = catalogue }

    mutating func compile(_ profile: ProfileLayers) -> Policy {
        let posture = profile.posture
        var selected: [SelectedRule] = []
        for rule in catalogue.rules {
            let selection = profile.selections[rule.id]
            if selection?.value == false { continue }
            if rule.optIn && selection?.value != true { continue }
            guard rule.appliesWhen.matches(posture) else {
                if let selection, selection.value {
                    warnings.append(Diagnostic(.warning, "rule '\(rule.id)' is enabled but does not apply to this posture "
                        + "(\(Self.describe(rule.appliesWhen))); it is not selected", at: selection.location, rule: rule.id))
                }
                continue
            }
            let refined = profile.values[rule.id] ?? [:]
            var parameters = Dictionary(uniqueKeysWithValues: rule.parameters.map { ($0.name, $0.default) })
            for (name, value) in refined { parameters[name] = value.value }
            // Boot integrity `preferred` reports PI-1 gaps without ever changing anything.
            let advisory = rule.references.topic == TopicKey.platformIntegrity && posture.bootIntegrity == .preferred
            selected.append(SelectedRule(
                rule: rule, parameters: parameters, enforcement: advisory ? .advisory : .enforce,
                selectedBy: selection?.location ?? refined.values.map(\.location).min(by: Self.earlier)
                    ?? postureLocation(for: rule.appliesWhen, in: profile) ?? profile.defaultLocation
            ))
        }
        let ids = Set(selected.map(\.rule.id))
        for waiver in profile.waivers where !ids.contains(waiver.rule) {
            warnings.append(Diagnostic(.warning, "waiver has no effect: the policy does not select rule '\(waiver.rule.excerpt)'",
                                       at: waiver.location, rule: waiver.rule))
        }
        for attestation in profile.attestations where !ids.contains(attestation.rule) {
            warnings.append(Diagnostic(.warning, "attestation has no effect: the policy does not select rule '\(attestation.rule.excerpt)'",
                                       at: attestation.location, rule: attestation.rule))
        }
        if posture.passthrough.mode == .none, !posture.passthrough.allowedDevices.isEmpty,
           let at = profile.postureLocations[.allowedDevices] {
            warnings.append(Diagnostic(.warning, "'posture.passthrough.allowedDevices' has no effect while passthrough mode is 'none'", at: at))
        }
        return Policy(
            posture: posture, domains: profile.domains, rules: selected, waivers: profile.waivers,
            attestations: profile.attestations, sources: profile.sources, digest: SHA256.hex(profile.bytes)
        )
    }

    /// The posture field a rule's condition depends on, when a profile set it explicitly.
    private func postureLocation(for condition: PostureCondition, in profile: ProfileLayers) -> SourceLocation? {
        let fields: [(Bool, ProfileLayers.PostureField)] = [
            (condition.platform != nil, .platform), (condition.virtualization != nil, .virtualization),
            (condition.bootIntegrity != nil, .bootIntegrity), (condition.passthrough != nil, .passthroughMode),
        ]
        return fields.lazy.compactMap { constrained, field in constrained ? profile.postureLocations[field] : nil }.first
    }

    private static func earlier(_ a: SourceLocation, _ b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// `bootIntegrity: required` style text for a condition.
    static func describe(_ condition: PostureCondition) -> String {
        var parts: [String] = []
        if let p = condition.platform { parts.append("platform: " + p.map(\.rawValue).joined(separator: " or ")) }
        if let v = condition.virtualization { parts.append("virtualization: " + v.map(\.rawValue).joined(separator: " or ")) }
        if let b = condition.bootIntegrity { parts.append("bootIntegrity: " + b.map(\.rawValue).joined(separator: " or ")) }
        if let m = condition.passthrough { parts.append("passthrough: " + m.map(\.rawValue).joined(separator: " or ")) }
        return "it applies when " + parts.joined(separator: ", ")
    }
}
