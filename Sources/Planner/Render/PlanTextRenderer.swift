/// Renders a plan for people, after Terraform's plan output: a header naming what was read,
/// then the changes (`+` add, `~` update, `-` remove), the findings, the waived items, the
/// pending restarts and the notes, each section grouped by object (domain, file, then "host"),
/// and the summary line last.
///
/// ```
///   domain 'web01'
///     ~ /domain/devices/graphics/@listen: 0.0.0.0 → 127.0.0.1  # domain-graphics-local-only (high), on next domain boot
/// ...
/// Plan: 12 changes on 3 domains and 2 files; 4 findings; 1 waived.
/// ```
///
/// The text is for reading, not parsing; scripts use the JSON renderer. Every string that came
/// from the host is shown with control characters escaped (see `terminalSafe`).
public struct PlanTextRenderer: Sendable {
    /// ANSI colour on the markers and bold headings; decide with `TerminalColour.isWanted`.
    public var colour: Bool

    public init(colour: Bool = false) {
        self.colour = colour
    }

    /// The whole plan, ending in a newline.
    public func render(_ plan: Plan) -> String {
        var lines = header(plan)
        lines += changes(plan)
        lines += findings(plan)
        lines += waived(plan)
        lines += pendingRestarts(plan)
        lines += notes(plan)
        lines += ["", bold(plan.summary.sentence)]
        return lines.joined(separator: "\n") + "\n"
    }

    private func header(_ plan: Plan) -> [String] {
        let profiles = plan.profiles.isEmpty ? "(none: the catalogue's defaults)" : plan.profiles.map(\.terminalSafe).joined(separator: ", ")
        return [
            "hvharden plan for \(plan.connectURI.terminalSafe), root \(plan.root.terminalSafe)",
            "Profiles: \(profiles)",
        ]
    }

    private func changes(_ plan: Plan) -> [String] {
        guard !plan.changes.isEmpty else {
            return ["", plan.findings.isEmpty ? "No changes. The host matches the policy." : "No changes. The findings below need a person."]
        }
        let legend = "\(marker(.add)) add, \(marker(.update)) update, \(marker(.remove)) remove"
        return section(bold("Changes") + " (\(legend)):", plan.changes, address: \.address, line: change)
    }

    private func findings(_ plan: Plan) -> [String] {
        section(bold("Findings (apply does not change these; each says what to do):"), plan.findings, address: \.address, line: finding)
    }

    private func waived(_ plan: Plan) -> [String] {
        section(bold("Waived (failing, but covered by a waiver in the profile):"), plan.waived, address: \.address, line: waived)
    }

    private func pendingRestarts(_ plan: Plan) -> [String] {
        guard !plan.pendingRestart.isEmpty else { return [] }
        return ["", bold("Pending restart (the definition complies; the running guest does not until it is cold-booted):"), ""]
            + plan.pendingRestart.map { "  domain '\($0.domain.terminalSafe)': \($0.rules.map(\.terminalSafe).joined(separator: ", "))" }
    }

    private func notes(_ plan: Plan) -> [String] {
        guard !plan.notes.isEmpty else { return [] }
        return ["", bold("Notes:"), ""] + plan.notes.map { "  - \($0.terminalSafe)" }
    }

    /// A titled section with one block per object, in the plan's order (domains by name, then
    /// files by path, then the host); empty when there are no items. The title comes styled: the changes title holds coloured markers, whose reset would end
    /// an enclosing bold.
    private func section<Item>(_ title: String, _ items: [Item], address: (Item) -> Address, line: (Item) -> [String]) -> [String] {
        guard !items.isEmpty else { return [] }
        var lines = ["", title]
        for group in Self.grouped(items, by: address) {
            lines.append("")
            lines.append("  " + bold(group.object.object.terminalSafe))
            for item in group.items { lines += line(item).map { "    " + $0 } }
        }
        return lines
    }

    /// Items grouped by the object their address names, objects in address order and items in
    /// their given order within each object.
    static func grouped<Item>(_ items: [Item], by address: (Item) -> Address) -> [(object: Address, items: [Item])] {
        var order: [Address] = []
        var byObject: [Address: [Item]] = [:]
        for item in items {
            var object = address(item)
            object.path = nil
            if byObject[object] == nil { order.append(object) }
            byObject[object, default: []].append(item)
        }
        return order.sorted().map { ($0, byObject[$0] ?? []) }
    }
}
