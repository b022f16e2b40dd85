/// The order of a plan's items, and the strings they share.
extension PlanBuilder {
    /// Sorts the items by address, then rule. The sort is stable (the standard library's is), so
    /// items with the same address and rule keep the order they were recorded in: each domain's
    /// builder sorts its own on the thread that planned it, and merged domains are put in name
    /// order without reordering anything within one (`sortMergedDomains`), which gives the
    /// order a sequential pass would.
    mutating func sortItems(after sorted: ItemCounts = ItemCounts()) {
        Self.sort(&changes, after: sorted.changes) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        Self.sort(&findings, after: sorted.findings) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        Self.sort(&waived, after: sorted.waived) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        Self.sort(&pending, after: sorted.pending) { $0.domain < $1.domain }
    }

    /// Merged domains' items in name order. Each domain's items are together and sorted already,
    /// so a stable sort by domain name alone gives the full order while comparing names only;
    /// with an item not addressed to a domain the full comparison is made.
    mutating func sortMergedDomains() {
        func name(_ address: Address) -> String? { address.name(of: DomainResource.self) }
        let changeNames = changes.map { name($0.address) }
        if changeNames.allSatisfy({ $0 != nil }) {
            Self.stableSort(&changes, keys: changeNames.map { $0! })
        } else {
            Self.sort(&changes, after: 0) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        }
        let findingNames = findings.map { name($0.address) }
        if findingNames.allSatisfy({ $0 != nil }) {
            Self.stableSort(&findings, keys: findingNames.map { $0! })
        } else {
            Self.sort(&findings, after: 0) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        }
        Self.sort(&waived, after: 0) { ($0.address, $0.rule) < ($1.address, $1.rule) }
        pending.sort { $0.domain < $1.domain }
    }

    /// `items` in the order of `keys` (one per item), equal keys in their present order. The
    /// positions are sorted and each item is moved once: sorting the items themselves moved
    /// every one of thousands of findings many times and read its domain name at every comparison.
    static func stableSort<T>(_ items: inout [T], keys: [String]) {
        precondition(keys.count == items.count, "one key per item")
        let order = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        guard order != Array(keys.indices) else { return }
        items = order.map { items[$0] }
    }

    /// `items` sorted, when its first `start` are in order already: the rest is sorted on its own
    /// and, if its first item belongs before the last of the front, the whole again.
    static func sort<T>(_ items: inout [T], after start: Int, by precedes: (T, T) -> Bool) {
        guard start > 0, start <= items.count else { return items.sort(by: precedes) }
        items[start...].sort(by: precedes)
        if start < items.count, precedes(items[start], items[start - 1]) { items.sort(by: precedes) }
    }

    /// Makes the items' repeated strings share one copy each (`StringInterner`): the same
    /// rule failing on thousands of domains gives the same message, path and values.
    mutating func shareStrings(_ strings: StringInterner) {
        for index in changes.indices {
            changes[index].address.path = strings(changes[index].address.path)
            changes[index].before = strings(changes[index].before)
            changes[index].after = strings(changes[index].after)
            changes[index].edit = changes[index].edit.sharingStrings(strings)
        }
        for index in findings.indices {
            findings[index].address.path = strings(findings[index].address.path)
            findings[index].message = strings(findings[index].message)
        }
    }
}
