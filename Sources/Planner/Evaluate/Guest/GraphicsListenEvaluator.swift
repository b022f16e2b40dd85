import Compiler

/// B5-2: every VNC and SPICE console listens only where the host's own users can reach it: an
/// allowed (loopback) address, a UNIX socket, or nowhere.
///
/// An address left out means qemu.conf's `vnc_listen`/`spice_listen`, whose default is
/// 127.0.0.1, so it is compliant (a qemu.conf rule checks that key). A `type='network'` listen
/// is noncompliant: its address is known only when the domain starts.
///
/// The fix sets the first allowed address on both the `listen` attribute and the
/// `<listen type='address'>` child, which libvirt requires to agree. It is given only when each
/// offending console is the only one of its type and has at most one address listen, because an
/// edit names its element by type; otherwise, for network listens, and for a rule without a
/// `fix`, the outcome is a finding.
struct GraphicsListenEvaluator: DomainEvaluator {
    static let name = "graphics-listen-local"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let consoles = try GraphicsConsole.all(in: context.document)
        if consoles.isEmpty { return .notApplicable("the domain has no VNC or SPICE graphics") }
        let allowed = context.value("allowedListen", of: rule)?.listText ?? []
        let allowedSet = Set(allowed.map(GraphicsConsole.normalized))

        var problems: [(console: GraphicsConsole, message: String)] = []
        var obstacles: [String] = []
        for console in consoles {
            var exposed: [String] = []
            for endpoint in console.endpoints {
                switch endpoint {
                case .address(let a) where !allowedSet.contains(GraphicsConsole.normalized(a)):
                    exposed.append("'\(a)'")
                case .network(let n):
                    exposed.append("network '\(n)'")
                    obstacles.append("a network listen's address is known only when the domain starts")
                default:
                    break
                }
            }
            guard !exposed.isEmpty else { continue }
            problems.append((console, "\(console.label) listens on \(exposed.joined(separator: ", "))"))
            if consoles.filter({ $0.type == console.type }).count > 1 {
                obstacles.append("the domain has several '\(console.type)' graphics")
            }
            if console.addressListenCount > 1 {
                obstacles.append("\(console.label) has several address listens")
            }
        }
        if problems.isEmpty { return .compliant }

        let allowedText = allowed.map { "'\($0)'" }.joined(separator: ", ")
        let summary = problems.map(\.message).joined(separator: "; ") + "; allowed: \(allowedText.isEmpty ? "none" : allowedText)"
        if !obstacles.isEmpty {
            return .finding(summary + "; not changed automatically: " + Array(Set(obstacles)).sorted().joined(separator: "; "))
        }
        guard rule.fix != nil, let target = allowed.first else { return .finding(summary) }
        return .changes(problems.flatMap { changes(for: $0.console, to: target, problem: $0.message) })
    }

    /// Sets `listen` and the address child together, since libvirt rejects them disagreeing.
    private func changes(for console: GraphicsConsole, to address: String, problem: String) -> [ProposedChange] {
        let path = console.creatablePath
        let listenPath = "\(path)/listen[@type='address']"
        let legacy = console.element.attribute("listen")
        let child = console.element.children(named: "listen")
            .first { ($0.attribute("type") ?? "address") == "address" }?.attribute("address")
        return [
            ProposedChange(
                path: "\(path)/@listen", action: legacy == nil ? .add : .update,
                before: legacy ?? Redaction.absent, after: address,
                edit: DomainEdit.setAttribute(path: path, attribute: "listen", value: address), problem: problem),
            ProposedChange(
                path: "\(listenPath)/@address", action: child == nil ? .add : .update,
                before: child ?? Redaction.absent, after: address,
                edit: DomainEdit.setAttribute(path: listenPath, attribute: "address", value: address), problem: problem),
        ]
    }
}
