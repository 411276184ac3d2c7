import CaseVault
import Foundation

/// What the Documents pages show of the stored documents, in the app's
/// words: the values each template reads.
enum DocumentPages {
    /// Expiry dates this close (or past) get a renewal warning, as on the
    /// home page: renewals of a green card, work permit or passport take months.
    static let renewalWarningDays = 180

    /// How each type is named on the pages.
    static func typeName(_ type: DocumentType) -> String {
        switch type {
        case .greenCard: return "Green card"
        case .ead: return "Work permit (EAD)"
        case .passport: return "Passport"
        case .i94: return "I-94 record"
        case .i797: return "I-797 notice"
        case .other: return "Other"
        }
    }

    /// The choices of the type field, `selected` one first chosen.
    static func typeChoices(selected: DocumentType = .other) -> [[String: Any]] {
        DocumentType.allCases.map { ["value": $0.rawValue, "name": typeName($0), "selected": $0 == selected] }
    }

    /// One row of the list, or the details page's values.
    static func model(_ d: Document, today: CalendarDay = .today()) -> [String: Any] {
        let m = d.metadata
        var v: [String: Any] = [
            "id": d.idHex, "shortID": d.shortID, "label": m.label, "fileName": m.fileName,
            "type": typeName(m.type), "size": size(m.size), "added": day(m.addedAt),
        ]
        if m.size >= 1024 { v["exactBytes"] = String(m.size) }
        if let note = m.note {
            v["hasNote"] = true
            v["noteLines"] = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        if let sha = m.sha256 { v["sha256"] = sha }
        if let expires = m.expires {
            v["expires"] = expires.description
            let days = d.daysUntilExpiry(from: today) ?? 0
            if days < 0 {
                v["warning"] = "Expired \(-days) day\(-days == 1 ? "" : "s") ago. Renew it as soon as you can."
            } else if days <= renewalWarningDays {
                v["warning"] = days == 0 ? "Expires today. Start the renewal now."
                    : "Expires in \(days) day\(days == 1 ? "" : "s"). Renewals take months: start now."
            }
        }
        return v
    }

    /// A size in words a person reads: bytes, KB, MB, GB (powers of 1024).
    static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return value >= 10 ? "\(Int(value.rounded())) \(units[unit])" : String(format: "%.1f %@", value, units[unit])
    }

    /// The local calendar day of `date`, as the vault writes days (2031-04-30).
    static func day(_ date: Date) -> String {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
