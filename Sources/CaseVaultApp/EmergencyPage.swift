import CaseVault
import CaseVaultText
import Foundation

/// The emergency page's model: what `casevault emergency` shows
/// (EmergencySheet), laid out to be read across a counter or printed.
///
/// Gathering the sheet marks nothing used (a GET). Each shown code has a
/// Mark used button: the same step as `code use LABEL`, posted with the
/// position of the code on screen, so that the code marked is the one shown.
struct EmergencyPage: Sendable {
    let sheet: EmergencySheet
    /// Whether the vault opens through the desktop keyring (the tip to turn
    /// it on is shown otherwise, as the CLI's note).
    let keyringEnabled: Bool

    /// The page's words (`app.emergency.KEY`) in the request's language.
    func t(_ key: String, _ values: [String: String] = [:]) -> String {
        AppLanguage.text("app.emergency." + key, values)
    }

    var model: [String: Any] {
        var m: [String: Any] = [
            "today": DayText.day(sheet.today),
            "isEmpty": sheet.isEmpty,
            "codes": sheet.codes.enumerated().map { code($0.element, index: $0.offset) },
            "identifierGroups": identifierGroups(),
            "hasDocuments": !sheet.documents.isEmpty || sheet.documentsProblem != nil,
            "documentCount": sheet.documents.count,
            "documents": sheet.documents.map(document),
            "hasOtherLists": !sheet.otherCodeLists.isEmpty,
            "otherLists": sheet.otherCodeLists.map { l -> [String: Any] in
                var item: [String: Any] = ["label": l.label, "counts": t("list_counts", ["unused": "\(l.unused)", "total": "\(l.total)"]),
                                           "takeLabel": t("take_from", ["label": l.label]),
                                           "useAction": CodeLinks.entry(l.label, action: "use"), "canTake": l.unused > 0,
                                           "replaceLink": CodeLinks.entry(l.label, action: "replace")]
                if let a = l.account { item["account"] = a }
                return item
            },
            "keyringTip": !keyringEnabled,
            "foreignFiles": t("foreign_files", ["count": "\(sheet.foreignFiles.count)"]),
            "asOf": t("as_of", ["today": DayText.day(sheet.today)]),
            "documentsHeading": t("documents", ["count": "\(sheet.documents.count)"]),
            "hasForeignFiles": !sheet.foreignFiles.isEmpty,
        ]
        if let problem = sheet.documentsProblem { m["documentsProblem"] = FormProblem.sentence(problem) }
        return m
    }

    func code(_ c: EmergencySheet.Code, index: Int) -> [String: Any] {
        let isUSCIS = c.kind == .single && c.label.lowercased() == "uscis"
        let title = isUSCIS ? t("uscis_code") : t(c.kind == .single ? "backup_code" : "one_time_code", ["label": c.label])
        var m: [String: Any] = [
            "title": title, "primary": c.primary, "isList": c.kind == .list,
            "useAction": CodeLinks.entry(c.label, action: "use"),
            "replaceLink": CodeLinks.entry(c.label, action: "replace"),
            "elementID": "emergency-code-\(index + 1)",
        ]
        if let a = c.account { m["account"] = t("account", ["account": a]) }
        if let code = c.code, let number = c.number {
            m["code"] = code
            m["number"] = number
            if c.kind == .list { m["position"] = t("position", ["number": "\(number)", "total": "\(c.total)", "unused": "\(c.unused)"]) }
            if let used = c.usedAt { m["usedOn"] = t("used_on", ["day": DayText.day(used)]) }
        } else {
            m["noneLeft"] = true
        }
        return m
    }

    /// The identifiers under headings in the order a help desk asks
    /// (A-Number, account number, receipts, cards, others), as the CLI.
    func identifierGroups() -> [[String: Any]] {
        let headings: [(IdentifierKind, String, String)] = [
            (.aNumber, "a_number", "a_numbers"),
            (.accountNumber, "account_number", "account_numbers"),
            (.receipt, "receipt", "receipts"),
            (.cardNumber, "card", "cards"),
            (.other, "other_numbers", "other_numbers"),
        ]
        return headings.compactMap { kind, one, many in
            let these = sheet.identifiers.filter { $0.kind == kind }
            guard !these.isEmpty else { return nil }
            return ["heading": t(these.count == 1 ? one : many), "items": these.map { i -> [String: Any] in
                var item: [String: Any] = ["value": i.formatted]
                if kind == .other { item["label"] = i.label }
                if let n = i.note, !n.isEmpty { item["note"] = n }
                return item
            }]
        }
    }

    func document(_ d: EmergencySheet.StoredDocument) -> [String: Any] {
        let day = ["day": d.expires.map(DayText.day) ?? ""]
        let when: String
        switch d.state {
        case .noExpiry: when = t("no_expiry")
        case .valid: when = t("expires", day)
        case .renewSoon: when = t("renew", day)
        case .expired: when = t("expired", day)
        }
        return ["label": d.label, "type": Self.typeName(d.type), "when": when,
                "attention": d.state == .renewSoon || d.state == .expired]
    }

    /// A document type's name in the request's language.
    static func typeName(_ t: DocumentType) -> String {
        t.name(in: AppLanguage.current)
    }
}
