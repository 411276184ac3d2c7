import Foundation

/// The one place that writes to stdout and stderr.
enum Output {
    /// Writes one JSON document to stdout (sorted keys, ISO 8601 dates).
    static func json<T: Encodable>(_ value: T) {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        enc.dateEncodingStrategy = .iso8601
        do {
            let data = try enc.encode(value)
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } catch {
            err("error: cannot encode JSON output: \(error)")
        }
    }

    /// A line on stdout, made safe for a terminal (`printable`).
    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((printable(text) + "\n").utf8))
    }

    /// A line on stderr (warnings, progress, errors), made safe for a terminal.
    static func err(_ text: String) {
        FileHandle.standardError.write(Data((printable(text) + "\n").utf8))
    }

    /// `text` with every character that could steer a terminal or reorder
    /// what it shows written out as `\u{…}` instead: C0 controls but line
    /// feed and tab (escape sequences start with ESC), DEL, C1 controls, and
    /// the bidirectional embeddings, overrides and isolates (U+202A-202E,
    /// U+2066-2069), which can make a name read as another.
    ///
    /// Names and labels are checked where they enter the vault, but text
    /// also arrives from outside (a client's name in a share signed by any
    /// key, shares imported before those checks existed), so the one place
    /// that writes to the terminal checks once more. Joiners (U+200C, U+200D)
    /// and direction marks (U+200E, U+200F) are left alone: Persian, Arabic
    /// and Indic names need them, and they move nothing.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: steersTerminal) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if steersTerminal(s) {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    private static func steersTerminal(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// A warning on stderr.
    static func warn(_ text: String) {
        err("warning: \(text)")
    }

    /// Formats a date for people: 2026-11-22 14:03 UTC.
    static func date(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: d)
    }

    /// Formats a calendar day: 2026-11-22.
    static func day(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: d)
    }
}
