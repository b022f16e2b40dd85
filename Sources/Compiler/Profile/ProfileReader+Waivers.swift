import Yams

/// `waivers:` (accepted, dated exceptions) and `attestations:` (manual steps carried out).
extension ProfileReader {
    mutating func readWaivers(_ node: Node) -> [Waiver] {
        guard let items = list(node, at: "waivers") else { return [] }
        var waivers: [Waiver] = []
        for (index, item) in items.enumerated() {
            let path = "waivers[\(index)]"
            guard let fields = fields(of: item, at: path, allowed: ProfileKeys.waiver,
                                      required: ProfileKeys.required["waivers[]"]!) else { continue }
            let rule = fields["rule"].flatMap { ruleID($0.value, at: path) }
            var domains: [String]?
            if let (_, value) = fields["domains"], let globs = stringList(value, at: "\(path).domains") {
                domains = globs.map(\.value)
                if let rule, let target = catalogue.rule(rule)?.target, target != .domain {
                    error("'domains' in a waiver applies only to domain rules; rule '\(rule)' targets '\(target.rawValue)'",
                          at: value, rule: rule)
                }
            }
            let hosts = fields["hosts"].flatMap { stringList($0.value, at: "\(path).hosts") }.map { $0.map(\.value) }
            let reason = fields["reason"].flatMap { nonEmptyString($0.value, at: "\(path).reason") }
            var expires = fields["expires"].flatMap { day($0.value, at: "\(path).expires") }
            if let day = expires, let node = fields["expires"]?.value, Waiver.day(day, isBefore: today) {
                error("waiver\(rule.map { " for rule '\($0)'" } ?? "") expired on \(day); renew it with a new date or fix what it excuses",
                      at: node, rule: rule)
                expires = nil
            }
            if let rule, let reason, let expires {
                waivers.append(Waiver(rule: rule, domains: domains, hosts: hosts, reason: reason, expires: expires, location: location(item)))
            }
        }
        return waivers
    }

    mutating func readAttestations(_ node: Node) -> [Attestation] {
        guard let items = list(node, at: "attestations") else { return [] }
        var attestations: [Attestation] = []
        for (index, item) in items.enumerated() {
            let path = "attestations[\(index)]"
            guard let fields = fields(of: item, at: path, allowed: ProfileKeys.attestation,
                                      required: ProfileKeys.required["attestations[]"]!) else { continue }
            let rule = fields["rule"].flatMap { ruleID($0.value, at: path) }
            if let rule, let check = catalogue.rule(rule)?.check, check != .manual, let node = fields["rule"]?.value {
                warning("attestation has no effect: rule '\(rule)' is checked automatically (check kind '\(check.kind)'), "
                    + "only 'manual' rules take attestations", at: node, rule: rule)
            }
            let statement = fields["statement"].flatMap { nonEmptyString($0.value, at: "\(path).statement") }
            let expires = fields["expires"].flatMap { day($0.value, at: "\(path).expires") }
            if let day = expires, let node = fields["expires"]?.value, Waiver.day(day, isBefore: today) {
                warning("attestation\(rule.map { " for rule '\($0)'" } ?? "") expired on \(day); the rule is reported again until it is renewed",
                        at: node, rule: rule)
            }
            if let rule, let statement {
                attestations.append(Attestation(rule: rule, statement: statement, expires: expires, location: location(item)))
            }
        }
        return attestations
    }

    /// A list section's items; null reads as an empty list.
    private mutating func list(_ node: Node, at path: String) -> [Node]? {
        if node.isNull { return [] }
        guard let sequence = node.sequence else {
            error("expected a list for '\(path)', found \(node.kindDescription)", at: node)
            return nil
        }
        return Array(sequence)
    }

    private mutating func ruleID(_ node: Node, at path: String) -> String? {
        guard let id = string(node, at: "\(path).rule") else { return nil }
        return knownRule(Located(id, at: location(node)), in: "\(path).rule") ? id : nil
    }
}
