import Compiler
import HostModel
import XMLKit

/// Evaluates the precondition vocabulary (`Precondition.Kind`) and applies a rule's
/// preconditions to its outcome, for every kind of check alike.
enum PreconditionEvaluator {
    /// Nil when `p` holds; otherwise what was observed, as a clause ("no MAC is enforcing").
    static func failure(_ p: Precondition, _ context: PreconditionContext) throws -> String? {
        let facts = context.facts
        switch p.kind {
        case .macEnforcing:
            guard facts.mac.enforcing == nil else { return nil }
            if facts.mac.selinuxEnforcing == false { return "SELinux is permissive and AppArmor is not enabled" }
            if facts.mac.apparmorEnabled == true { return "AppArmor is enabled but /sys/kernel/security/apparmor is missing (securityfs not mounted)" }
            return "neither AppArmor nor SELinux is shown to be enforcing"
        case .kvmDevice:
            return facts.kvm.devKVM ? nil : "/dev/kvm does not exist"
        case .guestArchIsHost:
            guard let guest = try guestArch(context) else { return nil }
            guard let host = facts.cpu.architecture else { return "the host's architecture cannot be read, so the guest's '\(guest)' cannot be shown to match it" }
            return guest == host ? nil : "the guest's architecture is '\(guest)' and the host's is '\(host)'"
        case .guestArch:
            let guest = try guestArch(context) ?? facts.cpu.architecture
            // Unknown only hides a fix; it never takes a rule out of scope.
            guard let guest else { return p.unmet == .notApplicable ? nil : "the guest's architecture is not given and the host's cannot be read" }
            return (p.allowed ?? []).contains(guest) ? nil : "the guest's architecture is '\(guest)'"
        case .guestFullMemory:
            return try partialMemory(context)
        case .configKey:
            guard let file = p.file, let key = p.key else { return "the precondition names no key" }
            let entry = (context.files[file] ?? ObservedFile(kind: file, fingerprints: [:], entries: [:])).entry(key)
            guard entry.present, let value = entry.value else { return nil }
            return (p.allowed ?? []).contains(value) ? nil : "\(key) is '\(value)' in \(file.rawValue)"
        case .libvirtListener:
            return listening(p, context)
        case .signedOutOfTreeModules:
            return unsignedModules(facts)
        case .swtpmInstalled:
            let missing = [("swtpm", facts.software.swtpm), ("swtpm_setup", facts.software.swtpmSetup)].filter { $0.1 == nil }.map(\.0)
            return missing.isEmpty ? nil : "\(missing.joined(separator: " and ")) not found in \(SoftwareFacts.binDirectories.joined(separator: ", "))"
        }
    }

    /// The rule's outcome once its preconditions are taken into account.
    static func gate(_ outcome: Outcome, rule: Rule, _ makeContext: @autoclosure () -> PreconditionContext) throws -> Outcome {
        guard !rule.preconditions.isEmpty else { return outcome }
        // Made only for a rule with preconditions: it copies the host facts.
        let context = makeContext()
        var failed: [(Precondition, String)] = []
        for p in rule.preconditions {
            if let why = try failure(p, context) { failed.append((p, why)) }
        }
        if let (p, why) = failed.first(where: { $0.0.unmet == .notApplicable }) {
            return .notApplicable("\(why) (precondition '\(p.kind.rawValue)')")
        }
        let blocking = failed.filter { p, _ in
            switch p.unmet {
            case .finding: return true
            case .noFix: if case .changes = outcome { return true } else { return false }
            case .notApplicable: return false
            }
        }
        guard !blocking.isEmpty else { return outcome }
        let unmet = blocking.map { p, why in "precondition '\(p.kind.rawValue)' does not hold: \(why); \(p.whatToDo)" }
        let problem: String?
        switch outcome {
        case .changes(let proposed): problem = unique(proposed.map(\.problem)).joined(separator: "; ") + "; no fix is proposed"
        case .finding(let message): problem = message
        case .compliant, .notApplicable: problem = nil
        }
        return .finding(([problem].compactMap { $0 } + unmet).joined(separator: "; "))
    }

    /// Nil when the daemon of the precondition's file listens as its key says.
    private static func listening(_ p: Precondition, _ context: PreconditionContext) -> String? {
        guard let file = p.file, let key = p.key, let daemon = LibvirtDaemon.reading(file),
              let socket = LibvirtDaemon.listenerSocket(key) else { return "the precondition names no listener key" }
        let unit = "\(daemon.rawValue)-\(socket).socket"
        if context.units.units[unit]?.enabled == true { return nil }
        let entry = (context.files[file] ?? ObservedFile(kind: file, fingerprints: [:], entries: [:])).entry(key)
        if entry.present, entry.value == "1" { return nil }
        return "\(unit) is not enabled and \(key) is not 1 in \(file.rawValue)"
    }

    /// `/domain/os/type/@arch`; nil when the domain does not say (libvirt then uses the host's).
    private static func guestArch(_ context: PreconditionContext) throws -> String? {
        guard let document = context.document else { return nil }
        return try document.strings("/domain/os/type/@arch").first.map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func partialMemory(_ context: PreconditionContext) throws -> String? {
        guard let document = context.document else { return nil }
        if try !document.select("/domain/devices/memballoon[@freePageReporting='on']").isEmpty {
            return "the balloon has freePageReporting='on', which returns the guest's free pages to the host"
        }
        guard let current = try document.select("/domain/currentMemory").first,
              let memory = try document.select("/domain/memory").first else { return nil }
        guard let booted = MemoryAmount.bytes(of: current), let maximum = MemoryAmount.bytes(of: memory) else {
            return "the sizes \(CurrentMemoryEvaluator.describe(memory)) and \(CurrentMemoryEvaluator.describe(current)) cannot be read"
        }
        guard booted < maximum else { return nil }
        return "currentMemory is \(CurrentMemoryEvaluator.describe(current)) but memory is \(CurrentMemoryEvaluator.describe(memory)); "
            + "without a balloon the guest runs at its full memory"
    }

    private static func unsignedModules(_ facts: HostFacts) -> String? {
        let modules = facts.modules
        guard modules.listed else { return "the loaded modules cannot be read (/proc/modules)" }
        var problems: [String] = []
        if !modules.unsigned.isEmpty { problems.append("loaded unsigned: \(modules.unsigned.joined(separator: ", "))") }
        // Without signature checking (no sig_enforce parameter) the kernel sets no E flag, so an
        // out-of-tree module's signature is not shown.
        let unchecked = facts.boot.moduleSigEnforce == nil ? modules.outOfTree.filter { !modules.unsigned.contains($0) } : []
        if !unchecked.isEmpty {
            problems.append("out-of-tree on a kernel that does not check signatures: \(unchecked.joined(separator: ", "))")
        }
        let files = modules.installed.filter { $0.signed != true }
        if !files.isEmpty {
            problems.append("installed without a signature shown: " + files.map { $0.path + ($0.signed == nil ? " (compressed)" : "") }.joined(separator: ", "))
        }
        if facts.boot.kernelRelease == nil { problems.append("the kernel release is unknown, so installed modules cannot be listed") }
        return problems.isEmpty ? nil : "out-of-tree modules " + problems.joined(separator: "; ")
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
