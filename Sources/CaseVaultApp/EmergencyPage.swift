import CaseVault
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
                var item: [String: Any] = ["label": l.label, "counts": "\(l.unused) of \(l.total) unused",
                                           "useAction": CodeLinks.entry(l.label, action: "use"), "canTake": l.unused > 0,
                                           "replaceLink": CodeLinks.entry(l.label, action: "replace")]
                if let a = l.account { item["account"] = a }
                return item
            },
            "keyringTip": !keyringEnabled,
            "foreignFiles": sheet.foreignFiles.count,
            "hasForeignFiles": !sheet.foreignFiles.isEmpty,
        ]
        if let problem = sheet.documentsProblem { m["documentsProblem"] = FormProblem.sentence(problem) }
        return m
    }

    func code(_ c: EmergencySheet.Code, index: Int) -> [String: Any] {
        let isUSCIS = c.kind == .single && c.label.lowercased() == "uscis"
        let title = isUSCIS ? "USCIS backup code" : (c.kind == .single ? "Backup code: \(c.label)" : "One-time code: \(c.label)")
        var m: [String: Any] = [
            "title": title, "primary": c.primary, "isList": c.kind == .list,
            "useAction": CodeLinks.entry(c.label, action: "use"),
            "replaceLink": CodeLinks.entry(c.label, action: "replace"),
            "elementID": "emergency-code-\(index + 1)",
        ]
        if let a = c.account { m["account"] = a }
        if let code = c.code, let number = c.number {
            m["code"] = code
            m["number"] = number
            if c.kind == .list { m["position"] = "Code \(number) of \(c.total), \(c.unused) unused" }
            if let used = c.usedAt { m["usedOn"] = DayText.day(used) }
        } else {
            m["noneLeft"] = true
        }
        return m
    }

    /// The identifiers under headings in the order a help desk asks
    /// (A-Number, account number, receipts, cards, others), as the CLI.
    func identifierGroups() -> [[String: Any]] {
        let headings: [(IdentifierKind, String, String)] = [
            (.aNumber, "A-Number", "A-Numbers"),
            (.accountNumber, "USCIS online account number", "USCIS online account numbers"),
            (.receipt, "Receipt number", "Receipt numbers"),
            (.cardNumber, "Card number", "Card numbers"),
            (.other, "Other numbers", "Other numbers"),
        ]
        return headings.compactMap { kind, one, many in
            let these = sheet.identifiers.filter { $0.kind == kind }
            guard !these.isEmpty else { return nil }
            return ["heading": these.count == 1 ? one : many, "items": these.map { i -> [String: Any] in
                var item: [String: Any] = ["value": i.formatted]
                if kind == .other { item["label"] = i.label }
                if let n = i.note, !n.isEmpty { item["note"] = n }
                return item
            }]
        }
    }

    func document(_ d: EmergencySheet.StoredDocument) -> [String: Any] {
        let expires = d.expires.map(DayText.day) ?? ""
        let when: String
        switch d.state {
        case .noExpiry: when = "no expiry date"
        case .valid: when = "expires \(expires)"
        case .renewSoon: when = "renew now: expires \(expires)"
        case .expired: when = "expired \(expires)"
        }
        return ["label": d.label, "type": Self.typeName(d.type), "when": when,
                "attention": d.state == .renewSoon || d.state == .expired]
    }

    static func typeName(_ t: DocumentType) -> String {
        switch t {
        case .greenCard: return "Green card"
        case .ead: return "Work permit (EAD)"
        case .passport: return "Passport"
        case .i94: return "I-94"
        case .i797: return "I-797 notice"
        case .other: return "Other document"
        }
    }
}
