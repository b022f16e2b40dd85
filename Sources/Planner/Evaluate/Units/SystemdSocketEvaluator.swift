import Compiler

/// Judges a `systemd-socket` check on each installed unit it names, one outcome per unit, each
/// addressed to the file that decides it (the unit file, or the drop-in a fix writes).
struct SystemdSocketEvaluator {
    let rule: Rule
    let check: SystemdSocketCheck

    struct Result {
        var address: Address
        var outcome: Outcome
    }

    func evaluate(_ observed: ObservedUnits) -> [Result] {
        check.units.compactMap { observed.units[$0] }.filter(\.installed).compactMap { unit in
            let result = evaluate(unit)
            return result.outcome.isNoncompliant ? result : nil
        }
    }

    func evaluate(_ unit: ObservedUnit) -> Result {
        let unitAddress = Address.file(unit.unitFile ?? unit.name)
        if !unit.unparsable.isEmpty {
            return Result(address: unitAddress, outcome: .finding(
                "\(unit.name) cannot be judged: the Systemd lens does not parse \(unit.unparsable.joined(separator: "; "))"))
        }
        if check.enabled == false, unit.enabled {
            return Result(address: .file(unit.unitFile ?? unit.name, key: "enabled"), outcome: .finding(
                "\(unit.name) is enabled (\(unit.enabledBy.joined(separator: ", "))), so systemd listens on it whatever libvirtd.conf says"))
        }
        if check.unixOnly == true {
            let network = unit.listenStreams.filter { !$0.value.hasPrefix("/") }
            if !network.isEmpty {
                let listed = network.map { "'\($0.value)' (\($0.location))" }.joined(separator: ", ")
                return Result(address: .file(network[0].file, key: "ListenStream"), outcome: .finding(
                    "\(unit.name) listens on \(listed), a network address instead of a unix socket"))
            }
        }
        if let max = check.maxSocketModeBits {
            // systemd's default SocketMode is 0666.
            let current = unit.socketMode.flatMap { UInt32($0.value, radix: 8) } ?? 0o666
            if current & ~max != 0 {
                return modeOutcome(unit, current: current, max: max)
            }
        }
        return Result(address: unitAddress, outcome: .compliant)
    }

    /// The change that writes SocketMode where it decides, or a finding naming why none can.
    private func modeOutcome(_ unit: ObservedUnit, current: UInt32, max: UInt32) -> Result {
        let wanted = octalMode(current & max)
        let at = unit.socketMode.map { " (\($0.location))" } ?? " (systemd's default)"
        let problem = "\(unit.name) has SocketMode=\(octalMode(current))\(at), which grants \(octalMode(current & ~max)) beyond \(octalMode(max))"
        guard let file = fixFile(unit) else {
            let decider = unit.socketMode?.location ?? "a drop-in"
            return Result(address: .file(unit.socketMode?.file ?? unit.name, key: "Socket/SocketMode"), outcome: .finding(
                problem + "; \(decider) is read after hvharden's drop-in and is not under \(SystemdUnitPaths.adminDirectory), so "
                    + "hvharden cannot override it: copy it to \(SystemdUnitPaths.adminDirectory)/\(unit.name).d/ with the mode changed"))
        }
        let change = ProposedChange(
            path: "Socket/SocketMode", file: file, action: unit.dropIns.contains(file) && unit.socketModeFiles.contains(file) ? .update : .add,
            before: unit.socketMode.map { $0.value } ?? "(default 0666)", after: wanted,
            edit: FileEdit.set(key: "Socket/SocketMode/value", value: wanted), problem: problem)
        return Result(address: .file(file, key: "Socket/SocketMode"), outcome: .changes([change]))
    }

    /// The drop-in a SocketMode fix goes to: the drop-in under /etc that decides it, else
    /// hvharden's own when nothing read after it sets the mode; nil when neither would decide.
    func fixFile(_ unit: ObservedUnit) -> String? {
        let own = SystemdUnitPaths.ownDropIn(for: unit.name)
        if let decider = unit.socketMode?.file, decider.hasPrefix(SystemdUnitPaths.adminDirectory + "/"), unit.dropIns.contains(decider) {
            return decider
        }
        // systemd sorts drop-in names bytewise; one named after hvharden.conf is read after it.
        let later = unit.socketModeFiles.filter { file in
            unit.dropIns.contains(file) && SystemdUnitPaths.ownDropIn.utf8.lexicographicallyPrecedes(Self.name(of: file).utf8)
        }
        return later.isEmpty ? own : nil
    }

    static func name(of path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
