import CaseVault
import Foundation

/// Dates as the pages write them: "December 5, 2026" (as USCIS notices do),
/// in this computer's time zone (the app runs on the user's own computer).
enum DayText {
    static let months = ["January", "February", "March", "April", "May", "June", "July",
                         "August", "September", "October", "November", "December"]

    static func day(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return text(year: c.year ?? 0, month: c.month ?? 1, day: c.day ?? 1)
    }

    static func day(_ day: CalendarDay) -> String {
        text(year: day.year, month: day.month, day: day.day)
    }

    private static func text(year: Int, month: Int, day: Int) -> String {
        "\(months[max(1, min(12, month)) - 1]) \(day), \(year)"
    }
}
