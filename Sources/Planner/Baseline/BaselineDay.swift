import Foundation

/// Days as profiles write them (`YYYY-MM-DD`, UTC), for generation dates and waiver expiry.
enum BaselineDay {
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// `date` plus `days`, as `YYYY-MM-DD`.
    static func string(_ date: Date, plus days: Int = 0) -> String {
        let shifted = calendar.date(byAdding: .day, value: days, to: date) ?? date
        let c = calendar.dateComponents([.year, .month, .day], from: shifted)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
