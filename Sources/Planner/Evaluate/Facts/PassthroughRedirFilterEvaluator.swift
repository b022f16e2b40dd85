import Compiler

/// B2-2: where USB redirection is allowed, a `<redirfilter>` ends with a catch-all
/// `<usbdev allow='no'/>`, so only the device classes listed before it can be redirected and a
/// client cannot push an arbitrary device (a keyboard injector, a mass-storage exploit) in.
struct PassthroughRedirFilterEvaluator: DomainEvaluator {
    static let name = "passthrough-redirfilter"

    /// The attributes that narrow a `usbdev` rule; without any, it matches every device.
    static let matchAttributes = ["class", "vendor", "product", "version"]

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let document = context.document
        let redirdevs = try document.select("/domain/devices/redirdev")
        if redirdevs.isEmpty { return .notApplicable("the domain has no redirdev") }
        guard context.posture.passthrough.allowUSB else {
            return .notApplicable("USB redirection is forbidden outright (passthrough.allowUSB is false)")
        }
        let rules = try document.select("/domain/devices/redirfilter/usbdev")
        guard let last = rules.last else {
            return .finding("the domain has \(redirdevs.count) redirdev(s) and no <redirfilter> rule: any USB device of the client can be redirected")
        }
        let catchAll = Self.matchAttributes.allSatisfy { name in
            last.attribute(name).map { $0 == "-1" } ?? true
        }
        if catchAll, last.attribute("allow") == "no" { return .compliant }
        let attributes = last.attributes.map { "\($0.name)='\($0.value)'" }.joined(separator: " ")
        return .finding("the last <redirfilter> rule is <usbdev \(attributes)/>, not a catch-all <usbdev allow='no'/>: unlisted devices are not denied explicitly")
    }
}
