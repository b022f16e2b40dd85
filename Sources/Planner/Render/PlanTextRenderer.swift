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
        var text = ""
        // Untouched capacity costs address space, not memory; a short guess would copy the text
        // each time it doubles.
        text.reserveCapacity(1024 + 512 * (plan.changes.count + plan.findings.count + plan.waived.count))
        render(plan, to: &text)
        return text
    }

    /// The whole plan written line by line to `output`, e.g. a `BufferedTextOutput` on standard
    /// output: a plan of thousands of domains is megabytes of text, which then need not be held
    /// in memory at all.
    public func render(_ plan: Plan, to output: inout some TextOutputStream) {
        output.writeLines(header(plan))
        changes(plan, into: &output)
        findings(plan, into: &output)
        waived(plan, into: &output)
        output.writeLines(pendingRestarts(plan))
        output.writeLines(notes(plan))
        output.writeLines(["", bold(plan.summary.sentence)])
    }

    private func header(_ plan: Plan) -> [String] {
        let profiles = plan.profiles.isEmpty ? "(none: the catalogue's defaults)" : plan.profiles.map(\.terminalSafe).joined(separator: ", ")
        return [
            "hvharden plan for \(plan.connectURI.terminalSafe), root \(plan.root.terminalSafe)",
            "Profiles: \(profiles)",
        ]
    }

    private func changes(_ plan: Plan, into text: inout some TextOutputStream) {
        guard !plan.changes.isEmpty else {
            text.writeLines(["", plan.findings.isEmpty ? "No changes. The host matches the policy." : "No changes. The findings below need a person."])
            return
        }
        let legend = "\(marker(.add)) add, \(marker(.update)) update, \(marker(.remove)) remove"
        section(bold("Changes") + " (\(legend)):", plan.changes, address: \.address, line: change, into: &text)
    }

    private func findings(_ plan: Plan, into text: inout some TextOutputStream) {
        section(
            bold("Findings (apply does not change these; each says what to do):"), plan.findings, address: \.address,
            line: finding, into: &text)
    }

    private func waived(_ plan: Plan, into text: inout some TextOutputStream) {
        section(
            bold("Waived (failing, but covered by a waiver in the profile):"), plan.waived, address: \.address,
            line: waived, into: &text)
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
    private func section<Item>(
        _ title: String, _ items: [Item], address: (Item) -> Address, line: (Item) -> [String],
        into text: inout some TextOutputStream
    ) {
        guard !items.isEmpty else { return }
        text.writeLines(["", title])
        for group in Self.groupedIndices(items, by: address) {
            text.writeLines(["", "  " + bold(group.object.object.terminalSafe)])
            for index in group.indices {
                for itemLine in line(items[index]) {
                    text.write("    ")
                    text.write(itemLine)
                    text.write("\n")
                }
            }
        }
    }

    /// Items grouped by the object their address names, objects in address order and items in
    /// their given order within each object.
    static func grouped<Item>(_ items: [Item], by address: (Item) -> Address) -> [(object: Address, items: [Item])] {
        groupedIndices(items, by: address).map { group in (group.object, group.indices.map { items[$0] }) }
    }

    /// `grouped(_:by:)` as positions in `items`, so rendering does not copy every item once more.
    static func groupedIndices<Item>(_ items: [Item], by address: (Item) -> Address) -> [(object: Address, indices: [Int])] {
        var order: [Address] = []
        var byObject: [Address: [Int]] = [:]
        for (index, item) in items.enumerated() {
            var object = address(item)
            object.path = nil
            if byObject[object] == nil { order.append(object) }
            byObject[object, default: []].append(index)
        }
        return order.sorted().map { ($0, byObject[$0] ?? []) }
    }
}

extension TextOutputStream {
    /// Writes each line and a newline after it.
    fileprivate mutating func writeLines(_ lines: [String]) {
        for line in lines {
            write(line)
            write("\n")
        }
    }
}
