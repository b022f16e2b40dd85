import Compiler

/// B5-2: every VNC and SPICE console that accepts TCP connections asks for a secret: a `passwd`
/// attribute, or for SPICE `defaultMode='secure'` (TLS on every channel). Consoles on a UNIX
/// socket or with no listener are exempt, since file permissions guard them.
///
/// The password is a secret: messages say only whether it is there, never what it is, and the
/// rule is marked sensitive. There is no fix; a password has to be chosen by a person.
struct GraphicsAuthEvaluator: DomainEvaluator {
    static let name = "graphics-auth"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let consoles = try GraphicsConsole.all(in: context.document).filter { !$0.isLocalOnly }
        if consoles.isEmpty { return .notApplicable("the domain has no VNC or SPICE graphics listening on TCP") }
        var problems: [String] = []
        for console in consoles {
            // An empty passwd is no password: QEMU then accepts anyone.
            if let password = console.element.attribute("passwd"), !password.isEmpty { continue }
            if console.type == "spice", console.element.attribute("defaultMode") == "secure" { continue }
            problems.append(console.type == "spice"
                ? "\(console.label) has neither a password nor defaultMode 'secure'"
                : "\(console.label) has no password")
        }
        return problems.isEmpty ? .compliant : .finding(problems.joined(separator: "; "))
    }
}
