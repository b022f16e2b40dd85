/// Host RAM and huge pages from `/proc/meminfo`: the budget that guest memory is checked against.
public struct MemoryFacts: Codable, Sendable, Equatable {
    /// `MemTotal` in KiB (meminfo's "kB" are KiB); nil when meminfo is unreadable.
    public var memTotalKiB: UInt64?
    /// `HugePages_Total`: preallocated default-size huge pages.
    public var hugePagesTotal: Int?
    /// `HugePages_Free`: of those, not yet in use.
    public var hugePagesFree: Int?
    /// `Hugepagesize` in KiB (2048 on x86-64 unless changed on the command line).
    public var hugePageSizeKiB: UInt64?

    public init(
        memTotalKiB: UInt64? = nil, hugePagesTotal: Int? = nil, hugePagesFree: Int? = nil,
        hugePageSizeKiB: UInt64? = nil
    ) {
        self.memTotalKiB = memTotalKiB
        self.hugePagesTotal = hugePagesTotal
        self.hugePagesFree = hugePagesFree
        self.hugePageSizeKiB = hugePageSizeKiB
    }
}

extension MemoryFacts {
    init(reading tree: some FactsSource) {
        let fields = Self.parse(tree.string("/proc/meminfo") ?? "")
        self.init(
            memTotalKiB: fields["MemTotal"].flatMap { UInt64($0) },
            hugePagesTotal: fields["HugePages_Total"].flatMap { Int($0) },
            hugePagesFree: fields["HugePages_Free"].flatMap { Int($0) },
            hugePageSizeKiB: fields["Hugepagesize"].flatMap { UInt64($0) }
        )
    }

    /// "MemTotal:       16318412 kB" -> ["MemTotal": "16318412"]: the first word after the colon.
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"),
                  let value = line[line.index(after: colon)...].split(separator: " ").first
            else { continue }
            fields[String(line[..<colon])] = String(value)
        }
        return fields
    }
}
