import CaseVault
import Foundation

/// The text of `casevault emergency`: plain ASCII layout, short lines that fit
/// a 40-column phone terminal, each value on its own line with room around it
/// so it can be read out or shown across a counter.
enum EmergencyScreen {
    static let width = 40

    static func lines(_ s: EmergencySheet, unlockedWith method: EmergencyUnlock.Method) -> [String] {
        var out: [String] = []
        out.append("CASEVAULT EMERGENCY  \(s.today)")
        out.append(String(repeating: "=", count: width))
        if s.isEmpty {
            out.append("")
            out += wrap("Nothing is stored yet. Add the USCIS backup code with:", indent: 0)
            out.append("  casevault code add uscis")
        }
        for c in s.codes { out.append(""); out += code(c) }
        out += identifiers(s.identifiers)
        out += documents(s)
        if !s.otherCodeLists.isEmpty {
            out.append("")
            out.append("OTHER CODE LISTS (codes not shown)")
            for l in s.otherCodeLists {
                out.append("  \(clean(l.label)): \(l.unused) of \(l.total) unused")
            }
            out.append("  Take one: casevault code use LABEL")
        }
        out.append("")
        out.append(String(repeating: "-", count: width))
        out.append(method == .keyring ? "Unlocked with the keyring." : "Unlocked with the passphrase.")
        return out
    }

    static func code(_ c: EmergencySheet.Code) -> [String] {
        var out: [String] = []
        let isUSCIS = c.kind == .single && c.label.lowercased() == "uscis"
        let title = isUSCIS ? "USCIS BACKUP CODE" : (c.kind == .single ? "BACKUP CODE: \(clean(c.label))" : "ONE-TIME CODE: \(clean(c.label))")
        out += wrap(title + (c.primary ? " (primary)" : ""), indent: 0)
        if let a = c.account { out += wrap("account \(clean(a))", indent: 2) }
        guard let code = c.code, let number = c.number else {
            out.append("  No unused code left. New codes:")
            out.append("  " + command("code replace", c.label))
            return out
        }
        if c.kind == .list {
            out.append("  code \(number) of \(c.total), \(c.unused) unused:")
        }
        out.append("")
        out.append("      \(clean(code))")
        out.append("")
        if let used = c.usedAt {
            out += wrap("Marked used \(Output.day(used)). If it is refused, store the new one:", indent: 2)
            out.append("  " + command("code replace", c.label))
        } else {
            out.append("  After using it:")
            out.append("  " + markUsedCommand(c.label))
        }
        return out
    }

    static func identifiers(_ ids: [EmergencySheet.Identifier]) -> [String] {
        var out: [String] = []
        let headings: [(IdentifierKind, String, String)] = [
            (.aNumber, "A-NUMBER", "A-NUMBERS"),
            (.accountNumber, "USCIS ONLINE ACCOUNT NUMBER", "USCIS ONLINE ACCOUNT NUMBERS"),
            (.receipt, "RECEIPT NUMBER", "RECEIPT NUMBERS"),
            (.cardNumber, "CARD NUMBER", "CARD NUMBERS"),
            (.other, "OTHER NUMBERS", "OTHER NUMBERS"),
        ]
        for (kind, one, many) in headings {
            let these = ids.filter { $0.kind == kind }
            if these.isEmpty { continue }
            out.append("")
            out.append(these.count == 1 ? one : many)
            for i in these {
                if kind == .other { out.append("  \(clean(i.label)):") }
                out.append("      \(clean(i.formatted))")
                if let n = i.note, !n.isEmpty { out += wrap("(\(clean(n)))", indent: 8) }
            }
        }
        return out
    }

    static func documents(_ s: EmergencySheet) -> [String] {
        guard !s.documents.isEmpty || s.documentsProblem != nil else { return [] }
        var out = ["", "DOCUMENTS STORED (\(s.documents.count))"]
        for d in s.documents {
            out += wrap(clean(d.label), indent: 2)
            let when: String
            switch d.state {
            case .noExpiry: when = "no expiry date"
            case .valid: when = "expires \(d.expires.map(\.description) ?? "")"
            case .renewSoon: when = "RENEW: expires \(d.expires.map(\.description) ?? "")"
            case .expired: when = "EXPIRED \(d.expires.map(\.description) ?? "")"
            }
            out.append("    \(d.type.rawValue), \(when)")
        }
        if let p = s.documentsProblem {
            out += wrap("The document list cannot be read: \(clean(p)). Run casevault check.", indent: 2)
        }
        return out
    }

    /// The command that marks a code used.
    static func markUsedCommand(_ label: String) -> String { command("code use", label) }

    static func command(_ verb: String, _ label: String) -> String { "casevault \(verb) \(shellWord(clean(label)))" }

    /// A label as one shell word (quoted when it holds anything unusual).
    static func shellWord(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy { c in
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || "._@+-/:".unicodeScalars.contains(c))
        }
        return plain && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Stored text with control characters replaced, so a label can never
    /// drive the terminal (C1 controls pass the library's label check).
    static func clean(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }

    /// Word-wraps prose to the screen width with an indent.
    static func wrap(_ text: String, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if indent + current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(pad + current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(pad + current) }
        return lines
    }
}
