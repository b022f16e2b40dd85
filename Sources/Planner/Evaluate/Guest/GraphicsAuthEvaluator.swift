import Compiler

/// B5-2: every VNC and SPICE console that accepts TCP connections authenticates its clients.
/// Consoles on a UNIX socket or with no listener are exempt, since file permissions guard them.
///
/// A console authenticates when it has its own non-empty `passwd`, or when qemu.conf supplies
/// what it lacks, as libvirt's QEMU driver does at guest start: `vnc_password` (`spice_password`)
/// is the password of a console without one, `vnc_sasl = 1` (`spice_sasl = 1`) makes every
/// console of that type ask for SASL credentials, and VNC with `vnc_tls = 1` and client
/// verification (`vnc_tls_x509_verify`, or `default_tls_x509_verify` when that is absent)
/// accepts only viewers holding a certificate from the host's CA. SPICE's `defaultMode='secure'`
/// is TLS without client certificates: it encrypts and does not authenticate, so it does not
/// count. Without the host files (a remote connection) only the definition is judged.
///
/// The passwords are secrets: messages say only whether one is there, never what it is, and the
/// rule is marked sensitive. There is no fix; a password has to be chosen by a person.
struct GraphicsAuthEvaluator: DomainEvaluator {
    static let name = "graphics-auth"

    /// The qemu.conf keys read, through `EvaluatorRegistry.domainConfigKeys`.
    static let hostKeys = [
        "vnc_password", "vnc_sasl", "vnc_tls", "vnc_tls_x509_verify", "default_tls_x509_verify",
        "spice_password", "spice_sasl",
    ]

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let consoles = try GraphicsConsole.all(in: context.document).filter { !$0.isLocalOnly }
        if consoles.isEmpty { return .notApplicable("the domain has no VNC or SPICE graphics listening on TCP") }
        let qemu = context.files[.qemuConf]
        var problems: [String] = []
        for console in consoles {
            // An empty passwd is no password: QEMU then accepts anyone.
            if let password = console.element.attribute("passwd"), !password.isEmpty { continue }
            if Self.hostAuthenticates(console.type, qemu) { continue }
            var problem = "\(console.label) has no password"
            if qemu != nil { problem += " and qemu.conf sets neither \(console.type)_password nor \(console.type)_sasl = 1" }
            if console.type == "spice", console.element.attribute("defaultMode") == "secure" {
                problem += " (defaultMode 'secure' encrypts the channels but does not authenticate the client)"
            }
            problems.append(problem)
        }
        return problems.isEmpty ? .compliant : .finding(problems.joined(separator: "; "))
    }

    /// Whether qemu.conf authenticates every console of `type` that has no password of its own.
    static func hostAuthenticates(_ type: String, _ file: ObservedFile?) -> Bool {
        guard let file else { return false }
        func value(_ key: String) -> String? {
            let entry = file.entry(key)
            return entry.present ? entry.value?.trimmingWhitespace : nil
        }
        if let password = value("\(type)_password"), !password.isEmpty { return true }
        if value("\(type)_sasl") == "1" { return true }
        if type == "vnc", value("vnc_tls") == "1",
           (value("vnc_tls_x509_verify") ?? value("default_tls_x509_verify")) == "1" { return true }
        return false
    }
}
