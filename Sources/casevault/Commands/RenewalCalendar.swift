import CaseVault
import CaseVaultText
import Foundation
import SodiumKit
import SystemKit

/// `remind --ics FILE`: the documents' expiry dates as an iCalendar file
/// (RFC 5545) a calendar application can import, in the locale's language.
///
/// One all-day VEVENT per document with an expiry date: DTSTART;VALUE=DATE
/// (and DTEND the next day), a UID stable across runs (a hash of the vault
/// and document ids, so a re-import updates rather than duplicates),
/// DTSTAMP, and a SUMMARY of the document's type and label and nothing
/// more (no note, no file name, no identifier), with two reminders (VALARM)
/// 90 and 30 days before. Lines end in CRLF and are folded at 75 octets
/// without splitting a UTF-8 character; text is escaped (backslash,
/// semicolon, comma, newline). Written 0600 under a temporary name and
/// renamed into place (AtomicOutput), replacing an earlier file.
enum RenewalCalendar {
    /// Writes the calendar and returns the number of events.
    static func write(_ documents: [Document], to path: String, now: Date = Date(), language: Language = CLILanguage.current) throws -> Int {
        let text = calendar(documents, now: now, language: language)
        do {
            let out = try AtomicOutput(path: path, existing: .replace)
            try out.write(Array(text.utf8))
            try out.commit(durable: true)
        } catch let e as SystemError {
            throw CaseVaultError(e)
        }
        return documents.filter { $0.metadata.expires != nil }.count
    }

    /// The whole calendar text.
    static func calendar(_ documents: [Document], now: Date = Date(), language: Language = .english) -> String {
        let t = RemindNotice.words(language)
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CaseVault//casevault remind//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        let stamp = timestamp(now)
        let dated = documents.compactMap { d in d.metadata.expires.map { (d, $0) } }
            .sorted { ($0.1, $0.0.idHex) < ($1.1, $1.0.idHex) }
        for (d, expires) in dated {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(Bytes.hex(BLAKE2b.hash(length: 16, Array("casevault ics uid v1".utf8) + d.id)))@casevault",
                "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(basic(expires))",
                "DTEND;VALUE=DATE:\(basic(expires.adding(days: 1)))",
                "SUMMARY:\(escape(t("ics_summary", ["what": RemindNotice.name(d.metadata.type, language: language), "label": d.metadata.label])))",
                "TRANSP:TRANSPARENT",
            ]
            for days in [90, 30] {
                lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:\(escape(t("ics_alarm", ["what": RemindNotice.name(d.metadata.type, language: language), "count": "\(days)"])))",
                          "TRIGGER:-P\(days)D", "END:VALARM"]
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 5545 3.3.11 TEXT escaping.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default:
                // Other control characters are not allowed in TEXT.
                if ch.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7f }) { continue }
                out.append(ch)
            }
        }
        return out
    }

    /// RFC 5545 3.1: lines longer than 75 octets are split, each
    /// continuation starting with one space; never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = parts.isEmpty ? 75 : 74 // a continuation's leading space counts
            if octets + size > limit {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }

    static func basic(_ day: CalendarDay) -> String {
        String(format: "%04d%02d%02d", day.year, day.month, day.day)
    }

    static func timestamp(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian)
        var utc = c
        utc.timeZone = TimeZone(identifier: "UTC")!
        let p = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", p.year ?? 1970, p.month ?? 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
    }
}
