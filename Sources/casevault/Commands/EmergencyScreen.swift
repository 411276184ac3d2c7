import CaseVault
import CaseVaultText
import Foundation

/// The text of `casevault emergency`: plain ASCII layout, short lines that fit
/// a 40-column phone terminal, each value on its own line with room around it
/// so it can be read out or shown across a counter.
///
/// The words come from the catalogue in the locale's language (CLILanguage);
/// the Spanish headings keep the English beside them (an officer reads them).
enum EmergencyScreen {
    static let width = 40

    static func lines(_ s: EmergencySheet, unlockedWith method: EmergencyUnlock.Method,
                      language: Language = CLILanguage.current) -> [String] {
        let t = Words(language: language)
        var out: [String] = []
        out += wrap(t("title", ["today": s.today.description]), indent: 0)
        out.append(String(repeating: "=", count: width))
        if s.isEmpty {
            out.append("")
            out += wrap(t("empty"), indent: 0)
            out.append("  casevault code add uscis")
        }
        for c in s.codes { out.append(""); out += code(c, t) }
        out += identifiers(s.identifiers, t)
        out += documents(s, t)
        if !s.otherCodeLists.isEmpty {
            out.append("")
            out += wrap(t("other_lists"), indent: 0)
            for l in s.otherCodeLists {
                out += wrap(t("list_counts", ["label": clean(l.label), "unused": "\(l.unused)", "total": "\(l.total)"]), indent: 2)
            }
            out.append("  \(t("take_one")) casevault code use LABEL")
        }
        out.append("")
        out.append(String(repeating: "-", count: width))
        out.append(method == .keyring ? t("unlocked_keyring") : t("unlocked_passphrase"))
        return out
    }

    /// The screen's words: `cli.emergency.KEY` in one language.
    struct Words {
        let language: Language
        func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
            Catalogue.text("cli.emergency." + key, language, values)
        }
    }

    static func code(_ c: EmergencySheet.Code, _ t: Words) -> [String] {
        var out: [String] = []
        let isUSCIS = c.kind == .single && c.label.lowercased() == "uscis"
        let title = isUSCIS ? t("uscis_code")
            : t(c.kind == .single ? "backup_code" : "one_time_code", ["label": clean(c.label)])
        out += wrap(title + (c.primary ? " " + t("primary") : ""), indent: 0)
        if let a = c.account { out += wrap(t("account", ["account": clean(a)]), indent: 2) }
        guard let code = c.code, let number = c.number else {
            out += wrap(t("none_left"), indent: 2)
            out.append("  " + command("code replace", c.label))
            return out
        }
        if c.kind == .list {
            out += wrap(t("position", ["number": "\(number)", "total": "\(c.total)", "unused": "\(c.unused)"]), indent: 2)
        }
        out.append("")
        out.append("      \(clean(code))")
        out.append("")
        if let used = c.usedAt {
            out += wrap(t("marked_used", ["day": Output.day(used)]), indent: 2)
            out.append("  " + command("code replace", c.label))
        } else {
            out.append("  " + t("after_using"))
            out.append("  " + markUsedCommand(c.label))
        }
        return out
    }

    static func identifiers(_ ids: [EmergencySheet.Identifier], _ t: Words) -> [String] {
        var out: [String] = []
        let headings: [(IdentifierKind, String, String)] = [
            (.aNumber, "a_number", "a_numbers"),
            (.accountNumber, "account_number", "account_numbers"),
            (.receipt, "receipt", "receipts"),
            (.cardNumber, "card", "cards"),
            (.other, "other_numbers", "other_numbers"),
        ]
        for (kind, one, many) in headings {
            let these = ids.filter { $0.kind == kind }
            if these.isEmpty { continue }
            out.append("")
            out += wrap(t(these.count == 1 ? one : many), indent: 0)
            for i in these {
                if kind == .other { out.append("  \(clean(i.label)):") }
                out.append("      \(clean(i.formatted))")
                if let n = i.note, !n.isEmpty { out += wrap("(\(clean(n)))", indent: 8) }
            }
        }
        return out
    }

    static func documents(_ s: EmergencySheet, _ t: Words) -> [String] {
        guard !s.documents.isEmpty || s.documentsProblem != nil else { return [] }
        var out = [""]
        out += wrap(t("documents", ["count": "\(s.documents.count)"]), indent: 0)
        for d in s.documents {
            out += wrap(clean(d.label), indent: 2)
            let day = ["day": d.expires.map(\.description) ?? ""]
            let when: String
            switch d.state {
            case .noExpiry: when = t("no_expiry")
            case .valid: when = t("expires", day)
            case .renewSoon: when = t("renew", day)
            case .expired: when = t("expired", day)
            }
            out.append("    \(d.type.rawValue), \(when)")
        }
        if let p = s.documentsProblem {
            out += wrap(t("documents_problem", ["problem": clean(p)]), indent: 2)
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
    /// A line break in the text (a Spanish heading puts its English on a
    /// line of its own) starts a new line.
    static func wrap(_ text: String, indent: Int) -> [String] {
        if text.contains("\n") {
            return text.split(separator: "\n").flatMap { wrap(String($0), indent: indent) }
        }
        let pad = String(repeating: " ", count: indent)
        // A line that fits is kept as written (its spacing too).
        if indent + text.count <= width { return text.isEmpty ? [] : [pad + text] }
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
