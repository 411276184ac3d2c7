import Foundation

/// `codes-and-identifiers.txt`: what a representative reads, in plain text.
enum CodesText {
    static func render(sender: String, recipient: String, created: Date, codes: [CodeEntry], identifiers: [Identifier]) -> String {
        var out = "CaseVault share from \(sender) to \(recipient), made \(format(created))\n"
        if !codes.isEmpty {
            out += "\nBACKUP CODES\n============\n"
            for e in codes {
                out += "\n\(e.label)"
                if let a = e.account { out += " (account: \(a))" }
                out += e.kind == .single ? " - single code\n" : " - list, \(e.unusedCount) of \(e.codes.count) unused\n"
                for (i, c) in e.codes.enumerated() {
                    let used = c.usedAt.map { "   (used \(format($0)))" } ?? ""
                    out += "  \(e.kind == .single ? "" : "\(i + 1). ")\(c.code)\(used)\n"
                }
                for h in e.history.reversed() {
                    out += "  superseded \(format(h.supersededAt)) (added \(format(h.addedAt))):\n"
                    for c in h.codes { out += "    \(c.code)\(c.usedAt.map { "   (used \(format($0)))" } ?? "")\n" }
                }
            }
        }
        if !identifiers.isEmpty {
            out += "\nCASE IDENTIFIERS\n================\n\n"
            for i in identifiers {
                out += "\(i.kind.displayName) (\(i.label)): \(i.kind.formatted(i.value))"
                if let n = i.note { out += "   note: \(n)" }
                out += "\n"
            }
        }
        return out
    }

    static func format(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: d)
    }
}
