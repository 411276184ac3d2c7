import CaseVault
import CaseVaultText
import Foundation

/// What the Documents pages show of the stored documents, in the app's
/// words: the values each template reads.
enum DocumentPages {
    /// The Documents pages' words (`app.documents.KEY`) in `language`
    /// (work on the vault queue passes the language read before).
    static func t(_ key: String, _ values: [String: String] = [:], _ language: Language = AppLanguage.current) -> String {
        Catalogue.text("app.documents." + key, language, values)
    }

    /// Expiry dates this close (or past) get a renewal warning, as on the
    /// home page: renewals of a green card, work permit or passport take months.
    static let renewalWarningDays = 180

    /// How each type is named on the pages: the catalogue's `doc.type.*`,
    /// the names the emergency page and the kit use too.
    static func typeName(_ type: DocumentType, _ language: Language = AppLanguage.current) -> String {
        type.name(in: language)
    }

    /// The count under the list: "3 documents".
    static func countText(_ count: Int) -> String {
        t(count == 1 ? "count_one" : "count", ["count": "\(count)"])
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
        if m.size >= 1024 { v["exactBytes"] = t("bytes", ["count": String(m.size)]) }
        if let note = m.note {
            v["hasNote"] = true
            v["noteLines"] = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        if let sha = m.sha256 { v["sha256"] = sha }
        if let expires = m.expires {
            v["expires"] = expires.description
            let days = d.daysUntilExpiry(from: today) ?? 0
            if days < 0 {
                v["warning"] = t(days == -1 ? "expired_ago_one" : "expired_ago", ["count": "\(-days)"])
            } else if days <= renewalWarningDays {
                v["warning"] = days == 0 ? t("expires_today")
                    : t(days == 1 ? "expires_in_one" : "expires_in", ["count": "\(days)"])
            }
        }
        return v
    }

    /// A size in words a person reads: bytes, KB, MB, GB (powers of 1024).
    static func size(_ bytes: Int64, _ language: Language = AppLanguage.current) -> String {
        if bytes < 1024 { return t(bytes == 1 ? "bytes_one" : "bytes", ["count": "\(bytes)"], language) }
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
